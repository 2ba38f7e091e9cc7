using Microsoft.Playwright;

namespace CniBot.Tests;

/// <summary>
/// The local chat page in headless Chromium (Debian's package, driven by Playwright; no browser download) against a
/// real host process: ask, see the cited answer as Teams shows it (in-text citations, references, its own feedback
/// buttons and form), run a diagnose dialog by pressing the cards' buttons.
/// </summary>
public sealed class ChatPageBrowserTests : IAsyncLifetime, IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly TempFolder data = new();
    private HostProcess host = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing; ./test.sh installs it (apt-get install chromium)");
        host = await HostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Knowledge:Path"] = Repository.Knowledge,
            ["Data:Path"] = data.Root,
            ["MicrosoftAppId"] = string.Empty,
        });
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    [Fact]
    public async Task AskThenDiagnose_InTheBrowser_EndsInTheComputedMtu()
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 900, Height = 1100 } });
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(host.Client.BaseAddress!.AbsoluteUri);

        var question = page.GetByLabel("Your question / 你的问题");
        await question.FillAsync("Which ports must be open for Cilium?");
        await question.PressAsync("Enter");

        var answer = page.Locator(".message.bot").Filter(new LocatorFilterOptions { HasText = "Which ports must be open between nodes for Cilium" });
        await answer.WaitForAsync();
        var citation = answer.Locator(".references a[href^='/knowledge/en/cilium.md#which-ports-must-be-open-between-nodes-for-cilium']");
        Assert.Equal(1, await citation.CountAsync());
        Assert.Equal("question", await page.EvaluateAsync<string>("document.activeElement.id")); // Focus stays in the box.

        // The citation opens the knowledge file, at the section.
        var source = await browser.NewPageAsync();
        await source.GotoAsync(new Uri(host.Client.BaseAddress, await citation.GetAttributeAsync("href")).AbsoluteUri);
        Assert.Equal(1, await source.Locator("h2#which-ports-must-be-open-between-nodes-for-cilium").CountAsync());
        await source.CloseAsync();

        await answer.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "🩺 Diagnose" }).ClickAsync();
        foreach (var choice in new[] { "Choose an MTU", "Calico", "VXLAN", "IPv4", "AWS, inter-region VPC peering (8500)" })
        {
            await page.Locator(".message.bot").Last.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = choice, Exact = true }).ClickAsync();
        }

        var result = page.Locator(".message.bot").Filter(new LocatorFilterOptions { HasText = "Set the pod MTU to 8450" });
        await result.WaitForAsync();
        Assert.Contains("8500 − 50 = 8450", await result.InnerTextAsync(), StringComparison.Ordinal);

        var artifacts = Path.Combine(Repository.Root, "artifacts", "test-results");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "chat-page.png"), FullPage = true });
    }

    [Fact]
    public async Task TableRowAnswer_ShowsAsATable_WithNoEscapeCharacters()
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 900, Height = 900 } });
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(host.Client.BaseAddress!.AbsoluteUri);

        await page.GetByLabel("Your question / 你的问题").FillAsync("Which MTU for Calico VXLAN over IPv6 on a 1500-byte network?");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send / 发送" }).ClickAsync();

        var answer = page.Locator(".message.bot").Filter(new LocatorFilterOptions { HasText = "1430" });
        await answer.WaitForAsync();
        var cells = await answer.Locator("[role='cell'], [role='columnheader'], td, th").AllInnerTextsAsync();
        Assert.Contains("Calico MTU", cells.Select(c => c.Trim()));
        Assert.Contains("1430", cells.Select(c => c.Trim()));
        var text = await answer.InnerTextAsync();
        Assert.DoesNotMatch(@"\\[#_*\[\]`]", text);
        Assert.Equal(1, await answer.Locator(".references a[href^='/knowledge/en/calico.md#which-mtu-should-calico-use-on-a-1500-byte-network']").CountAsync());
    }

    [Fact]
    public async Task PastedCommandOutput_KeepsItsLines_AndIsInspected()
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 900, Height = 900 } });
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(host.Client.BaseAddress!.AbsoluteUri);

        var box = page.GetByLabel("Your question / 你的问题");
        await box.FillAsync("GCP, Calico VXLAN\n2: ens4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1460 qdisc mq state UP\n5: vxlan.calico: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UNKNOWN\n    vxlan id 4096 local 10.128.0.5 dev ens4 srcport 0 0 dstport 4789");
        await box.PressAsync("Enter");

        var reply = page.Locator(".message.bot").Filter(new LocatorFilterOptions { HasText = "1410" });
        await reply.WaitForAsync();
        var text = await reply.InnerTextAsync();
        Assert.Contains("set the tunnel and pod MTU to 1410", text, StringComparison.Ordinal);
        Assert.Contains("1460 − 50 = 1410", text, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await box.InputValueAsync());
    }

    [Fact]
    public async Task ChineseQuestion_IsAnsweredInChinese_OnANarrowWindow()
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 380, Height = 800 } });
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(host.Client.BaseAddress!.AbsoluteUri);

        await page.GetByLabel("Your question / 你的问题").FillAsync("Cilium 需要在节点之间开放哪些端口？");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send / 发送" }).ClickAsync();

        var answer = page.Locator(".message.bot[lang='zh-CN']");
        await answer.WaitForAsync();
        // The answer cites the Chinese section on Cilium's ports first (related sections, which may be other Cilium
        // sections, follow it).
        var cited = Uri.UnescapeDataString(await answer.Locator("a[href^='/knowledge/']").First.GetAttributeAsync("href") ?? string.Empty);
        Assert.StartsWith("/knowledge/zh/cilium.md#cilium-需要在节点之间开放哪些端口", cited);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways on a narrow window");

        // Following the citation opens the knowledge file scrolled to that section (its heading at the top of the
        // view), not at the top of the page.
        var source = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 380, Height = 800 } });
        await source.GotoAsync(new Uri(host.Client.BaseAddress!, await answer.Locator("a[href^='/knowledge/']").First.GetAttributeAsync("href")).AbsoluteUri);
        var heading = source.Locator($"h2[id='{cited[(cited.IndexOf('#', StringComparison.Ordinal) + 1)..]}']");
        Assert.Equal(1, await heading.CountAsync());
        Assert.True(await source.EvaluateAsync<double>("window.scrollY") > 0, "the page opened at its top");
        Assert.InRange(await heading.EvaluateAsync<double>("h => h.getBoundingClientRect().top"), -2, 2);
        await source.CloseAsync();
    }

    [Fact]
    public async Task AnAnswer_ShowsItsCitationsAndFeedbackButtonsAsTeamsWould_AndTheFormsReasonIsRecorded()
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 900, Height = 900 } });
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(host.Client.BaseAddress!.AbsoluteUri);

        await page.GetByLabel("Your question / 你的问题").FillAsync("Does flannel VXLAN use UDP 8472 or 4789?");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Send / 发送" }).ClickAsync();

        var answer = page.Locator(".message.bot").Filter(new LocatorFilterOptions { HasText = "8472" });
        await answer.WaitForAsync();

        // "[1]" is a citation: pressing it opens the section's title (a link to it), abstract and keywords.
        var marker = answer.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Citation 1:", Exact = false });
        await marker.ClickAsync();
        var popup = answer.Locator(".citation-card");
        await popup.WaitForAsync();
        Assert.Equal("true", await marker.GetAttributeAsync("aria-expanded"));
        Assert.StartsWith("/knowledge/en/flannel.md#which-ports-must-be-open-for-flannel", await popup.Locator("a").GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.Contains("checked 20", await popup.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await answer.Locator(".references li").CountAsync() >= 1);
        Assert.Equal(0, await answer.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "👍", Exact = true }).CountAsync()); // the card's own rating buttons are gone

        // Teams' own 👎 asks what could be better; the answer is recorded with the section it rates.
        await answer.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Dislike", Exact = true }).ClickAsync();
        await answer.GetByLabel("What could be better?").FillAsync("Say which flannel version changed the port");
        await answer.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Submit", Exact = true }).ClickAsync();
        await answer.GetByRole(AriaRole.Status).Filter(new LocatorFilterOptions { HasText = "Thanks for your feedback" }).WaitForAsync();

        var log = await File.ReadAllLinesAsync(Path.Combine(data.Root, "feedback.jsonl"));
        var rating = Newtonsoft.Json.Linq.JObject.Parse(Assert.Single(log));
        Assert.False((bool)rating["helpful"]!);
        Assert.Equal("Say which flannel version changed the port", (string?)rating["reason"]);
        Assert.StartsWith("knowledge/en/flannel.md#which-ports-must-be-open-for-flannel", (string?)rating["section"], StringComparison.Ordinal);
        Assert.Equal("Does flannel VXLAN use UDP 8472 or 4789?", (string?)rating["question"]);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        host?.Dispose();
    }

    public void Dispose() => data.Dispose();
}
