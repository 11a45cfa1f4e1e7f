// The print page's "Print / Save as PDF" button: shown only when JavaScript runs, and it opens
// the print dialog only when pressed.
(function () {
  "use strict";
  var buttons = document.querySelectorAll(".print-button");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();
