/* Progressive enhancement for the search box: title suggestions from
   /api/v1/suche/vorschlaege/ in a native <datalist>. Without JavaScript the form works as is. */
(function () {
    "use strict";
    var input = document.getElementById("search-q");
    if (!input || !window.fetch) {
        return;
    }
    var list = document.createElement("datalist");
    list.id = "search-suggestions";
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
            var q = input.value.trim();
            if (q.length < 2 || q === last) {
                return;
            }
            last = q;
            window.fetch("/api/v1/suche/vorschlaege/?q=" + encodeURIComponent(q), {
                headers: { Accept: "application/json" },
                credentials: "same-origin"
            }).then(function (response) {
                return response.ok ? response.json() : { suggestions: [] };
            }).then(function (data) {
                list.textContent = "";
                data.suggestions.forEach(function (title) {
                    var option = document.createElement("option");
                    option.value = title;
                    list.appendChild(option);
                });
            }).catch(function () {
                list.textContent = "";
            });
        }, 200);
    });
}());
