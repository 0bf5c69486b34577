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
