// danvan's own script: small progressive enhancements; every page works without it.
"use strict";
// One function scope: after an upload with a progress bar the page the server answered with is written
// into this same window, which runs this script again; top-level names would then be declared twice
// (a SyntaxError that stopped the whole script on the new page).
(() => {
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
      // against the criteria set's pass mark, when it sets one
      const verdict = document.getElementById("score-verdict");
      if (verdict) {
        const reached = sum >= Number(verdict.dataset.pass);
        verdict.textContent = reached ? verdict.dataset.reached : verdict.dataset.below;
        verdict.classList.toggle("below", !reached);
      }
    };
    for (const input of inputs) input.addEventListener("input", update);
  });

  // Unit pickers: a drop-down of the units in scope (it works without this script) becomes a search box.
  // Typing asks the server (orgs' `chon.json`) for units whose name holds the words, with or without
  // diacritics; each is shown with the unit above it. Choosing one sets the drop-down's value. A picker
  // whose data-unit-picker is empty searches its own options (all of them are listed).
  document.addEventListener("DOMContentLoaded", () => {
    let counter = 0;
    for (const select of document.querySelectorAll("select[data-unit-picker]")) {
      counter += 1;
      unitPicker(select, counter);
    }
  });

  function unitPicker(select, n) {
    const box = document.createElement("div");
    box.className = "unit-picker";
    const input = document.createElement("input");
    input.type = "search";
    input.id = (select.id || "unit-picker") + "-search";
    input.autocomplete = "off";
    input.placeholder = select.dataset.placeholder || "";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    const list = document.createElement("ul");
    list.id = "unit-picker-list-" + n;
    list.className = "unit-picker-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("aria-controls", list.id);
    const chosen = select.options[select.selectedIndex];
    if (chosen && chosen.value) input.value = chosen.text;
    // the drop-down's label names the search box now
    const label = (select.id && document.querySelector(`label[for="${select.id}"]`)) || select.closest("label");
    if (label) label.htmlFor = input.id;
    select.hidden = true;
    select.tabIndex = -1;
    select.after(box);
    box.append(input, list);

    const key = select.dataset.unitValue === "code" ? "code" : "id";
    let results = [];
    let active = -1;
    let timer = 0;
    let asked = 0;

    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };
    const choose = (unit) => {
      const value = String(unit[key]);
      let option = Array.from(select.options).find((o) => o.value === value);
      if (!option) {
        option = new Option(unit.label, value);
        select.add(option);
      }
      select.value = value;
      input.value = unit.label;
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    };
    const highlight = (index) => {
      const items = list.querySelectorAll("li[role=option]");
      items.forEach((li, i) => li.setAttribute("aria-selected", i === index ? "true" : "false"));
      active = index;
      if (items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      }
    };
    const show = (data) => {
      results = data.results;
      list.replaceChildren();
      results.forEach((unit, i) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        const name = document.createElement("span");
        name.textContent = unit.name;
        li.append(name);
        if (unit.parent) {
          const parent = document.createElement("small");
          parent.textContent = unit.parent;
          li.append(" ", parent);
        }
        li.addEventListener("mousedown", (event) => {
          event.preventDefault(); // keep the focus in the box
          choose(unit);
        });
        list.append(li);
      });
      if (!results.length) {
        const li = document.createElement("li");
        li.className = "muted";
        li.textContent = select.dataset.nothing || "—";
        list.append(li);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    };
    const ask = () => {
      const q = input.value.trim();
      if (!q) {
        close();
        return;
      }
      const number = ++asked;
      if (!select.dataset.unitPicker) {
        // every choice is in the drop-down already (a short public list): search its options here
        const words = foldText(q).split(" ").filter(Boolean);
        const found = Array.from(select.options)
          .filter((o) => o.value && words.every((w) => foldText(o.text).includes(w)))
          .slice(0, 20)
          .map((o) => ({ id: o.value, code: o.value, name: o.text, parent: "", label: o.text }));
        show({ results: found, more: false });
        return;
      }
      const url = select.dataset.unitPicker + (select.dataset.unitPicker.includes("?") ? "&" : "?") + "q=" + encodeURIComponent(q);
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => {
          if (number === asked) show(data);
        })
        .catch(() => close());
    };
    input.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 150);
      if (!input.value.trim() && select.querySelector('option[value=""]')) {
        select.value = "";
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    input.addEventListener("keydown", (event) => {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight(Math.min(active + 1, results.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter") {
        event.preventDefault();
        const unit = results[active >= 0 ? active : 0];
        if (unit) choose(unit);
      } else if (event.key === "Escape") {
        close();
      }
    });
    // the box's own "change" is not the form's: only the drop-down's value is sent
    input.addEventListener("change", (event) => event.stopPropagation());
    input.addEventListener("blur", () => window.setTimeout(close, 100));
  }

  // Uploads on a slow link. A file input with data-max-bytes: a file over the limit is named at once,
  // before anything is sent, and the form is not sent with it. A form sending files shows a progress
  // bar (the page then shows the server's answer as a normal submission would); if the link breaks,
  // it says so, and the server has written nothing (the form's last input, upload_end, never arrived).
  document.addEventListener("DOMContentLoaded", () => {
    const mb = (bytes) => (bytes / 1048576).toFixed(1).replace(".", ",");
    const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
    const note = (input, text) => {
      let box = input.parentElement.querySelector(".upload-note");
      if (!box) {
        box = document.createElement("p");
        box.className = "upload-note errorlist";
        box.setAttribute("role", "alert");
        input.insertAdjacentElement("afterend", box);
      }
      box.textContent = text;
      box.hidden = !text;
    };
    const tooBig = (input) => {
      const limit = Number(input.dataset.maxBytes);
      return [...(input.files || [])].filter((f) => limit && f.size > limit);
    };
    const check = (input) => {
      const big = tooBig(input);
      const text = big.map((f) => fill(input.dataset.tooBig, { name: f.name, size: mb(f.size) })).join(" ");
      note(input, text);
      input.setCustomValidity(text);
      return big.length === 0;
    };
    for (const input of document.querySelectorAll("input[type=file][data-max-bytes]")) {
      input.addEventListener("change", () => check(input));
      const form = input.form;
      if (!form || form.dataset.uploadReady) continue;
      form.dataset.uploadReady = "1";
      form.addEventListener("submit", (event) => {
        const inputs = [...form.querySelectorAll("input[type=file][data-max-bytes]")];
        if (!inputs.every(check)) {
          event.preventDefault();
          inputs.find((i) => tooBig(i).length)?.focus();
          return;
        }
        const total = inputs.reduce((sum, i) => sum + [...(i.files || [])].reduce((s, f) => s + f.size, 0), 0);
        if (!total || !window.FormData || !window.XMLHttpRequest) return; // nothing to upload: a plain post
        event.preventDefault();
        const data = new FormData(form, event.submitter);
        const first = inputs[0];
        const bar = document.createElement("div");
        bar.className = "upload-progress";
        bar.setAttribute("role", "status");
        const progress = document.createElement("progress");
        progress.max = 100;
        progress.value = 0;
        const label = document.createElement("span");
        bar.append(progress, label);
        form.querySelector(".button-row, button[type=submit]")?.insertAdjacentElement("beforebegin", bar);
        const buttons = form.querySelectorAll("button[type=submit]");
        const busy = (on) => buttons.forEach((b) => (b.disabled = on));
        const show = (percent) => {
          progress.value = percent;
          label.textContent = " " + fill(first.dataset.uploading, { percent: String(percent) });
        };
        show(0);
        busy(true);
        const request = new XMLHttpRequest();
        // the attribute, not form.action: an input named "action" (the import's buttons) shadows that property
        const target = event.submitter?.getAttribute("formaction") || form.getAttribute("action") || window.location.href;
        request.open("POST", target);
        request.upload.addEventListener("progress", (e) => {
          if (e.lengthComputable) show(Math.min(99, Math.round((e.loaded / e.total) * 100)));
        });
        const failed = () => {
          bar.remove();
          busy(false);
          note(first, first.dataset.uploadFailed);
        };
        request.addEventListener("error", failed);
        request.addEventListener("abort", failed);
        request.addEventListener("load", () => {
          show(100);
          // what a normal submission would show: the page the server answered with, at its address
          const url = request.responseURL || window.location.href;
          document.open();
          document.write(request.responseText);
          document.close();
          window.history.replaceState(null, "", url);
        });
        form.danvanUpload = request; // lets a test (or a cancel button) abort it
        request.send(data);
      });
    }
  });

  // A list of recognised models to tick (a decision's, a proposal's or a conference's recipients), or of
  // decisions (a conference's): each list narrows as one types or picks a year, level, field or commune
  // (the "Lọc danh sách" button does the same on the server without this script). Ticked rows always stay
  // in sight. The filter's fields are named by the picker's prefix (data-recipient-picker="qd"; "loc").
  const foldText = (text) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/\s+/g, " ").trim();

  const narrowRecipients = (picker) => {
    const bar = picker.querySelector("[data-recipient-filter]");
    const list = picker.querySelector(".recipient-list");
    if (!bar || !list) return;
    const count = picker.querySelector("[data-recipient-count]");
    const prefix = picker.dataset.recipientPicker || "loc";
    const control = (name) => bar.querySelector(`[name="${prefix}-${name}"]`);
    const update = () => {
      const words = foldText(control("q")?.value || "").split(" ").filter(Boolean);
      const wanted = { year: control("year")?.value, level: control("level")?.value, field: control("field")?.value, commune: control("commune")?.value };
      let shown = 0;
      const rows = list.querySelectorAll("li[data-text]");
      for (const li of rows) {
        const ticked = li.querySelector("input[type=checkbox]")?.checked;
        const match =
          words.every((w) => li.dataset.text.includes(w)) &&
          Object.entries(wanted).every(([key, value]) => !value || li.dataset[key] === value);
        li.hidden = !(ticked || match);
        if (!li.hidden) shown += 1;
      }
      if (count && count.dataset.template) count.textContent = count.dataset.template.replace("{n}", shown).replace("{total}", count.dataset.total || rows.length);
    };
    bar.addEventListener("input", update);
    bar.addEventListener("change", update);
    // Enter in the search box narrows the list; it does not send the form
    control("q")?.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        update();
      }
    });
  };

  document.addEventListener("DOMContentLoaded", () => {
    for (const picker of document.querySelectorAll("[data-recipient-picker]")) narrowRecipients(picker);
  });
})();
