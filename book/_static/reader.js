/* The sidebar button of the article header (sphinx-book-theme), made to work with pydata-sphinx-theme 0.17.
 *
 * The theme binds its sidebar handler to the first `.primary-toggle` of the page, the navbar's, which
 * sphinx-book-theme hides: the visible button did nothing (pydata-sphinx-theme issue 2451). Here it collapses
 * the sidebar on a wide screen, and on a narrow one opens the table of contents as the hidden button would.
 */
document.addEventListener("DOMContentLoaded", () => {
  const visibleButton = document.querySelector(".bd-header-article .primary-toggle");
  const themeButton = document.querySelector("#pst-header .primary-toggle");
  const sidebar = document.getElementById("pst-primary-sidebar");
  if (!visibleButton || !themeButton || !sidebar) return;

  visibleButton.setAttribute("aria-label", "Table of contents");
  visibleButton.addEventListener("click", () => {
    if (window.matchMedia("(min-width: 992px)").matches) {
      sidebar.classList.toggle("pst-sidebar-hidden"); // sphinx-book-theme's own style for a collapsed sidebar
    } else {
      themeButton.click(); // the theme's handler: the table of contents in a dialog
    }
  });
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
