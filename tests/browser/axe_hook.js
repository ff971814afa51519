// Runs axe-core once the page has loaded and reports to the test (tests/browser/axe.py);
// holds back clicks and submissions until it is done.
(() => {
  if (window.top !== window || !window.axe) return;
  let running = false;
  const waiting = [];
  const summary = (v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " " + (n.failureSummary || "")),
  });
  const report = (violations) => window.__axeReport(location.href, document.documentElement.lang, violations);
  const check = () => {
    // A second-language context (tests/browser/axe.py) checks that language only.
    const lang = (document.documentElement.lang || "").split("-")[0].toLowerCase();
    if (window.__axeOnly && lang !== window.__axeOnly) { window.__axeDone = true; return; }
    running = true;
    axe.run(document, {runOnly: {type: "tag", values: TAGS}, resultTypes: ["violations"]})
      .then((r) => report(r.violations.map(summary)))
      .catch((e) => report([{id: "axe-error", help: String(e), nodes: []}]))
      .finally(() => { running = false; window.__axeDone = true; waiting.splice(0).forEach((go) => go()); });
  };
  window.addEventListener("load", () => setTimeout(check, 0));
  document.addEventListener("click", (event) => {
    const target = event.target.closest && event.target.closest("a[href], button, input[type=submit]");
    if (!running || !target) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    waiting.push(() => target.click());
  }, true);
  document.addEventListener("submit", (event) => {
    if (!running) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    const submitter = event.submitter;
    waiting.push(() => event.target.requestSubmit(submitter));
  }, true);
})();
