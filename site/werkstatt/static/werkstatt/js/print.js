// Print buttons ([data-print]) open the browser's print dialog. Without script they are links
// to the page's print view (?druck=1), which says how to print. A file, not inline (CSP).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (!button) return;
  event.preventDefault();
  window.print();
});
