// "Copy link" for the share links of a post: copies the post's address and says so in a live
// region. Without this script the button stays hidden; every other share link is a plain link.
(function () {
  "use strict";
  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (e) {
      copied = false;
    }
    document.body.removeChild(field);
    return copied;
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithSelection(text); }
      );
    }
    return Promise.resolve(copyWithSelection(text));
  }
  document.querySelectorAll(".share-copy").forEach(function (button) {
    var status = button.closest(".share").querySelector(".share-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-url");
      copy(url).then(function (copied) {
        status.textContent = copied ? button.getAttribute("data-copied") : button.getAttribute("data-failed") + " " + url;
        button.setAttribute("data-state", copied ? "copied" : "failed");
      });
    });
  });
})();
