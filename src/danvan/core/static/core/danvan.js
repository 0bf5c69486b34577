// danvan's own script: small progressive enhancements; every page works without it.
"use strict";
document.documentElement.classList.add("js");

// The site menu folds behind one button on a phone (the CSS shows the button below 40rem).
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".menu-toggle");
  const header = document.querySelector(".site-header");
  if (!toggle || !header) return;
  toggle.addEventListener("click", () => {
    const open = header.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
});

// The score sheet's running total: sum of score × weight as the reviewer types ("8,5" or "8.5");
// the server computes the same total when the sheet is saved.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector(".score-form");
  const total = document.getElementById("score-total");
  if (!form || !total) return;
  const inputs = form.querySelectorAll("input[data-weight]");
  const update = () => {
    let sum = 0;
    for (const input of inputs) {
      const text = input.value.trim().replace(",", ".");
      if (text === "" || !/^\d+(\.\d+)?$/.test(text)) continue;
      sum += Number(text) * Number(input.dataset.weight);
    }
    total.textContent = (Math.round(sum * 100) / 100).toString().replace(".", ",");
  };
  for (const input of inputs) input.addEventListener("input", update);
});
