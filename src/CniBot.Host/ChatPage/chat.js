// The local chat page: sends what the user types or presses to /api/chat and shows the replies exactly as the bot
// sent them: Adaptive Cards through the official renderer, text as markdown.
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

  function showActivity(activity) {
    const item = bubble("bot", "CniBot");
    const card = (activity.attachments || []).find((a) => a.contentType === "application/vnd.microsoft.card.adaptive");
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
      item.lang = card.content.lang || "en";
      const rendered = adaptive.render();
      linkCitationsIn(rendered);
      item.appendChild(rendered);
    } else if (activity.text) {
      item.innerHTML = markdown.render(linkCitations(activity.text));
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
