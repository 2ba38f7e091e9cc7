// The local chat page: sends what the user types or presses to /api/chat and shows the replies exactly as the bot
// sent them to Teams, the way Teams shows them: text as markdown with its in-text citations ("[1]", opening the
// cited section's title, abstract and keywords, and listed as references below), Adaptive Cards through the official
// renderer, and Teams' own 👍/👎 with its feedback form, sent back as Teams' message/submitAction invoke.
(() => {
  "use strict";
  const transcript = document.getElementById("transcript");
  const form = document.getElementById("composer");
  const input = document.getElementById("question");
  if (!window.AdaptiveCards || !window.markdownit) {
    const problem = document.createElement("article");
    problem.className = "message problem";
    problem.setAttribute("role", "alert");
    problem.textContent = "The chat page's browser libraries are not installed: the build needs npm (Debian: apt-get install nodejs npm). Install it and start the bot again.";
    transcript.appendChild(problem);
    return;
  }

  const markdown = window.markdownit({ html: false, linkify: true, breaks: true });

  // One conversation per browser tab: sessionStorage is per tab and survives a reload of that tab.
  let conversation = sessionStorage.getItem("cnibot.conversation");
  if (!conversation) {
    conversation = crypto.randomUUID();
    sessionStorage.setItem("cnibot.conversation", conversation);
  }

  // Citations read "knowledge/en/mtu.md#anchor"; the host serves those files as HTML, so they become links.
  const citation = /(^|[\s(])(knowledge\/(?:en|zh)\/[\w.-]+\.md)(?:\\?#([^\s)]+))?/g;
  const linkCitations = (text) => text.replace(citation, (_, lead, path, anchor) =>
    `${lead}[${path}${anchor ? "#" + anchor : ""}](/${path}${anchor ? "#" + anchor : ""})`);

  // Knowledge text reaches cards as TextRuns, which are never read as markdown (so nothing needs escaping): their
  // citations are found in the rendered text and linked there.
  function linkCitationsIn(root) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.closest("a") && /knowledge\/(en|zh)\//.test(node.nodeValue)) {
        nodes.push(node);
      }
    }

    for (const node of nodes) {
      const fragment = document.createDocumentFragment();
      let at = 0;
      const text = node.nodeValue;
      for (const match of text.matchAll(citation)) {
        const [whole, lead, path, anchor] = match;
        const start = match.index + lead.length;
        fragment.appendChild(document.createTextNode(text.slice(at, start)));
        const link = document.createElement("a");
        link.href = `/${path}${anchor ? "#" + anchor : ""}`;
        link.textContent = whole.slice(lead.length).replace("\\#", "#");
        fragment.appendChild(link);
        at = match.index + whole.length;
      }

      fragment.appendChild(document.createTextNode(text.slice(at)));
      node.replaceWith(fragment);
    }
  }

  AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = markdown.render(linkCitations(text));
    result.didProcess = true;
  };

  const hostConfig = new AdaptiveCards.HostConfig({
    fontFamily: "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif",
    actions: { actionsOrientation: "horizontal", buttonSpacing: 8, maxActions: 10, spacing: "default" },
  });

  function bubble(kind, label) {
    const item = document.createElement("article");
    item.className = `message ${kind}`;
    item.setAttribute("aria-label", label);
    transcript.appendChild(item);
    return item;
  }

  function showUser(text) {
    bubble("user", "You / 你").textContent = text;
  }

  // Teams' citations: claim n of the schema.org Message entity is what "[n]" in the text refers to.
  function citationsOf(activity) {
    const entity = (activity.entities || []).find((e) => e.type === "https://schema.org/Message");
    return new Map(((entity && entity.citation) || []).filter((c) => c.appearance).map((c) => [c.position, c.appearance]));
  }

  function sourceLink(appearance) {
    const title = document.createElement(appearance.url ? "a" : "span");
    title.textContent = appearance.name;
    if (appearance.url) {
      title.href = appearance.url;
    }

    return title;
  }

  // The pop-up of one citation: its title (a link to the section), abstract and keywords.
  function citationCard(appearance) {
    const card = document.createElement("div");
    card.className = "citation-card";
    card.setAttribute("role", "note");
    const title = document.createElement("strong");
    title.appendChild(sourceLink(appearance));
    card.appendChild(title);
    if (appearance.abstract) {
      const abstract = document.createElement("p");
      abstract.textContent = appearance.abstract;
      card.appendChild(abstract);
    }

    if (appearance.keywords && appearance.keywords.length) {
      const keywords = document.createElement("p");
      keywords.className = "keywords";
      keywords.textContent = appearance.keywords.join(" · ");
      card.appendChild(keywords);
    }

    return card;
  }

  // "[n]" in the rendered text becomes a button that opens claim n's pop-up, as Teams shows in-text citations.
  function markCitations(root, claims) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (/\[\d+\]/.test(node.nodeValue) && !node.parentElement.closest("code, pre, a")) {
        nodes.push(node);
      }
    }

    for (const node of nodes) {
      const fragment = document.createDocumentFragment();
      let at = 0;
      for (const match of node.nodeValue.matchAll(/\[(\d+)\]/g)) {
        const appearance = claims.get(Number(match[1]));
        if (!appearance) {
          continue;
        }

        fragment.appendChild(document.createTextNode(node.nodeValue.slice(at, match.index)));
        const marker = document.createElement("button");
        marker.type = "button";
        marker.className = "citation";
        marker.textContent = match[1];
        marker.setAttribute("aria-label", `Citation ${match[1]}: ${appearance.name}`);
        marker.setAttribute("aria-expanded", "false");
        marker.addEventListener("click", () => {
          const open = marker.nextElementSibling && marker.nextElementSibling.classList.contains("citation-card");
          if (open) {
            marker.nextElementSibling.remove();
          } else {
            marker.after(citationCard(appearance));
          }

          marker.setAttribute("aria-expanded", String(!open));
        });
        fragment.appendChild(marker);
        at = match.index + match[0].length;
      }

      fragment.appendChild(document.createTextNode(node.nodeValue.slice(at)));
      node.replaceWith(fragment);
    }
  }

  // Below the message, as Teams lists them: every source the text cites.
  function references(claims) {
    const list = document.createElement("ol");
    list.className = "references";
    list.setAttribute("aria-label", "References / 参考");
    for (const [position, appearance] of [...claims].sort((a, b) => a[0] - b[0])) {
      const item = document.createElement("li");
      item.value = position;
      item.appendChild(sourceLink(appearance));
      if (appearance.keywords && appearance.keywords.length) {
        const keywords = document.createElement("span");
        keywords.className = "keywords";
        keywords.textContent = " · " + appearance.keywords.join(" · ");
        item.appendChild(keywords);
      }

      list.appendChild(item);
    }

    return list;
  }

  // Teams' own feedback buttons, and its form asking what was good or what could be better.
  function feedback(replyToId, zh) {
    const footer = document.createElement("div");
    footer.className = "feedback";
    const reactions = [
      { reaction: "like", label: zh ? "赞" : "Like", emoji: "👍", ask: zh ? "哪里有帮助？" : "What did you like?" },
      { reaction: "dislike", label: zh ? "踩" : "Dislike", emoji: "👎", ask: zh ? "哪里需要改进？" : "What could be better?" },
    ];
    for (const { reaction, label, emoji, ask } of reactions) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = emoji;
      button.setAttribute("aria-label", label);
      button.addEventListener("click", () => footer.replaceChildren(feedbackForm(replyToId, reaction, ask, zh, footer)));
      footer.appendChild(button);
    }

    return footer;
  }

  function feedbackForm(replyToId, reaction, ask, zh, footer) {
    const form = document.createElement("form");
    form.className = "feedback-form";
    const id = `feedback-${replyToId}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = ask;
    const box = document.createElement("textarea");
    box.id = id;
    box.rows = 2;
    box.maxLength = 500;
    const submit = document.createElement("button");
    submit.type = "submit";
    submit.textContent = zh ? "提交" : "Submit";
    form.append(label, box, submit);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      submit.disabled = true;
      const value = { actionName: "feedback", actionValue: { reaction, feedback: JSON.stringify({ feedbackText: box.value.trim() }) } };
      try {
        const response = await fetch("/api/chat", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ conversation, invoke: { name: "message/submitAction", replyToId, value } }),
        });
        if (!response.ok) {
          const body = await response.json().catch(() => ({}));
          showProblem(body.error || `HTTP ${response.status}`);
          submit.disabled = false;
          return;
        }

        footer.replaceChildren(document.createTextNode(zh ? "感谢反馈" : "Thanks for your feedback"));
        footer.setAttribute("role", "status");
      } catch (error) {
        showProblem(`CniBot cannot be reached: ${error.message}`);
        submit.disabled = false;
      }
    });
    setTimeout(() => box.focus());
    return form;
  }

  function showActivity(activity) {
    const item = bubble("bot", "CniBot");
    const card = (activity.attachments || []).find((a) => a.contentType === "application/vnd.microsoft.card.adaptive");
    const claims = citationsOf(activity);
    item.lang = (card && card.content.lang) || activity.locale || "en";
    const zh = item.lang.startsWith("zh");
    if (activity.text && (claims.size || !card)) {
      const text = document.createElement("div");
      text.className = "text";
      text.innerHTML = markdown.render(linkCitations(activity.text));
      markCitations(text, claims);
      item.appendChild(text);
    }

    if (card) {
      const adaptive = new AdaptiveCards.AdaptiveCard();
      adaptive.hostConfig = hostConfig;
      adaptive.onExecuteAction = (action) => {
        if (action instanceof AdaptiveCards.SubmitAction) {
          send({ value: action.data, shown: action.title });
        } else if (action instanceof AdaptiveCards.OpenUrlAction) {
          window.open(action.url, "_blank", "noopener");
        }
      };
      adaptive.parse(card.content);
      const rendered = adaptive.render();
      linkCitationsIn(rendered);
      item.appendChild(rendered);
    }

    if (claims.size) {
      item.appendChild(references(claims));
    }

    if (activity.channelData && activity.channelData.feedbackLoop && activity.id) {
      item.appendChild(feedback(activity.id, zh));
    }
  }

  function showProblem(text) {
    const item = bubble("problem", "Problem / 问题");
    item.setAttribute("role", "alert");
    item.textContent = text;
  }

  async function send({ text, value, shown }) {
    showUser(shown ?? text);
    const busy = bubble("bot pending", "CniBot is answering / 正在回答");
    busy.textContent = "…";
    try {
      const response = await fetch("/api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ conversation, text, value, locale: navigator.language }),
      });
      busy.remove();
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        showProblem(body.error || `HTTP ${response.status}`);
        return;
      }

      for (const activity of body.activities || []) {
        showActivity(activity);
      }
    } catch (error) {
      busy.remove();
      showProblem(`CniBot cannot be reached: ${error.message}`);
    } finally {
      transcript.lastElementChild?.scrollIntoView({ block: "start" });
      if (text !== undefined) {
        input.focus();
      }
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text) {
      input.value = "";
      grow();
      input.focus();
      send({ text });
    }
  });

  // Enter sends; Shift+Enter (or a paste) keeps the newlines of command output. The box grows with its text.
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  const grow = () => {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, 240)}px`;
  };
  input.addEventListener("input", grow);
  input.focus();
})();
