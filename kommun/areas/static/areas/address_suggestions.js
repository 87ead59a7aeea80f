// Suggests addresses from the register as the resident types. The form works without it.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("address-query");
    var list = document.getElementById("address-suggestions");
    if (!input || !list || !window.fetch) return;
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) return;
      timer = window.setTimeout(function () {
        fetch(input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(text))
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (addresses) {
            list.innerHTML = "";
            addresses.forEach(function (address) {
              var option = document.createElement("option");
              option.value = address.label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a help, not a need */ });
      }, 150);
    });
  });
})();
