/* What the reader's page needs beyond the theme. This script is deferred (reader_site.py): it runs once the page is
 * read, before the theme's own scripts (bootstrap.js, pydata-sphinx-theme.js). */

/* The sidebar buttons of the article header (sphinx-book-theme), made to work with pydata-sphinx-theme 0.17.
 *
 * The theme binds each sidebar's handler to the first button of its kind on the page, the navbar's, which
 * sphinx-book-theme hides: the visible buttons did nothing (pydata-sphinx-theme issue 2451). Here the table of
 * contents button collapses the sidebar on a wide screen, and on a narrow one each button opens its sidebar as the
 * hidden button would: the table of contents, or the page's contents, in a dialog.
 */
{
  const sidebar = document.getElementById("pst-primary-sidebar");
  for (const [kind, label] of [["primary", "Table of contents"], ["secondary", "Contents of this page"]]) {
    const visibleButton = document.querySelector(`.bd-header-article .${kind}-toggle`);
    const themeButton = document.querySelector(`#pst-header .${kind}-toggle`);
    if (!visibleButton || !themeButton) continue;
    visibleButton.setAttribute("aria-label", label);
    visibleButton.title = label; // the tooltip, which bootstrap.js makes from the title
    visibleButton.addEventListener("click", () => {
      if (kind === "primary" && sidebar && window.matchMedia("(min-width: 992px)").matches) {
        sidebar.classList.toggle("pst-sidebar-hidden"); // sphinx-book-theme's own style for a collapsed sidebar
      } else {
        themeButton.click(); // the theme's handler: the sidebar in a dialog
      }
    });
  }
}

/* On a phone, a tap on an entry of the page's contents (a dialog) scrolled the page behind the dialog, which stayed
 * open over the section; with focus gone from the dialog, Escape no longer closed it. Here a tap on a link in the open
 * dialog closes it (the theme then puts the sidebar back), and the link then goes to its section. */
document.addEventListener("click", (event) => {
  if (event.target.closest?.("#pst-secondary-sidebar-modal[open] a[href]")) {
    document.getElementById("pst-secondary-sidebar-modal").close();
  }
});

/* The sidebar's fold-out arrows (<summary> with only an icon) get a name: axe's summary-name. */
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".bd-sidebar-primary summary").forEach((summary) => {
    const title = summary.closest("li")?.querySelector(":scope > a")?.textContent.trim();
    if (!summary.textContent.trim() && title) {
      summary.setAttribute("aria-label", `Sections of ${title}`);
    }
  });
});

/* A table or code block wider than the page fades out on the side where there is more to scroll to. */
const SIDEWAYS_SCROLLERS = "div.cell_output .output.text_html, div.highlight pre, .pst-scrollable-table-container";

function showMoreToScroll(box) {
  box.classList.toggle("more-right", box.scrollLeft + box.clientWidth < box.scrollWidth - 1);
  box.classList.toggle("more-left", box.scrollLeft > 1);
}

document.addEventListener("DOMContentLoaded", () => {
  const boxes = document.querySelectorAll(SIDEWAYS_SCROLLERS);
  const updateAll = () => boxes.forEach(showMoreToScroll);
  boxes.forEach((box) => box.addEventListener("scroll", () => showMoreToScroll(box), { passive: true }));
  window.addEventListener("resize", updateAll);
  window.addEventListener("load", updateAll); // images and fonts change widths
  updateAll();
});

/* A solution's title bar opens the solution wherever it is tapped. sphinx-togglebutton toggles on a click on the bar
 * or on its button; a click on the link in the title ("Solution to Exercise 2.1", from sphinx-exercise), which fills
 * the middle of the bar on a phone, followed the link instead and threw "button is not defined" in togglebutton's
 * handler. Here a click on anything else inside the bar is a click on the bar. */
document.addEventListener("click", (event) => {
  const bar = event.target.closest(".admonition.toggle > .admonition-title");
  if (!bar || event.target === bar || event.target.closest(".toggle-button")) return;
  event.preventDefault();
  event.stopPropagation();
  bar.click();
}, true);

/* On a touch screen, a tap leaves the tapped button focused and "hovered", and bootstrap's tooltip of its name stayed
 * over the page until the next tap somewhere else. Here a tooltip shown after a tap leaves after 1.5 s, and every
 * tooltip leaves when the page scrolls. */
{
  let lastPointer = "mouse";
  const hide = (element) => window.bootstrap?.Tooltip.getInstance(element)?.hide();
  document.addEventListener("pointerdown", (event) => { lastPointer = event.pointerType; }, true);
  document.addEventListener("shown.bs.tooltip", (event) => {
    if (lastPointer === "touch") setTimeout(() => hide(event.target), 1500);
  });
  window.addEventListener("scroll", () => document.querySelectorAll("[aria-describedby^='tooltip']").forEach(hide),
    { passive: true });
}

/* "Back to top" in the article header, which stays at the top of the screen, rather than over the middle of the page
 * (where pydata-sphinx-theme shows it while the reader scrolls up, over the code and text being read). The theme still
 * decides when it shows; reader.css draws it as an icon button like its neighbours. */
{
  const backToTop = document.getElementById("pst-back-to-top");
  const headerStart = document.querySelector(".bd-header-article .header-article-items__start");
  if (backToTop && headerStart) {
    backToTop.setAttribute("aria-label", backToTop.textContent.trim());
    backToTop.title = backToTop.textContent.trim();
    headerStart.append(backToTop);
  }
}
