"""Long words on cards break at German hyphenation points, not mid-syllable; e-mail addresses
and links never get a hyphen that is not theirs (they may break anywhere)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STYLES = """() => {
    const card = document.querySelector('.card') || document.createElement('div');
    card.classList.add('card');
    document.querySelector('main').appendChild(card);
    const mail = document.createElement('a');
    mail.href = 'mailto:demografiewerkstatt-beauftragte@kreis-dueren.example.org';
    mail.textContent = mail.href.slice(7);
    card.appendChild(mail);
    const style = (element) => {
        const computed = getComputedStyle(element);
        return [computed.hyphens, computed.overflowWrap];
    };
    return {lang: document.documentElement.lang, card: style(card), mail: style(mail)};
}"""


def test_cards_hyphenate_and_addresses_break_without_hyphens(browser_page, site_tree):
    browser_page.page.set_viewport_size({"width": 390, "height": 800})
    assert browser_page.goto("/").status == 200
    found = browser_page.page.evaluate(STYLES)
    assert found["lang"] == "de"
    assert found["card"] == ["auto", "anywhere"]
    assert found["mail"] == ["manual", "anywhere"]
