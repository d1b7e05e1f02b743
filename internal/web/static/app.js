// Small progressive enhancement: a "Copy" button next to values marked
// data-copy (the one-time API token), so it need not be selected by hand.
document.querySelectorAll("[data-copy]").forEach(function (el) {
  if (!navigator.clipboard) return;
  var b = document.createElement("button");
  b.type = "button";
  b.className = "plain";
  b.textContent = "Copy";
  b.addEventListener("click", function () {
    navigator.clipboard.writeText(el.textContent.trim()).then(function () { b.textContent = "Copied"; });
  });
  el.insertAdjacentElement("afterend", b);
});
