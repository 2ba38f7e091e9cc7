using System.Net;

namespace CniBot.Tests;

/// <summary>
/// The knowledge pages are on the bot's own origin: nothing in a knowledge file may run there, only the loaded
/// documents are served, and every response says how it may be used (CSP, nosniff).
/// </summary>
public sealed class KnowledgePageTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder knowledge = new TempFolder()
        .With("en/base.md", """
            ---
            id: base
            lang: en
            ---
            # Base

            ## What is Calico?

            Calico is a CNI plugin <script>alert('inline')</script> with <img src=x onerror="alert(1)"> BGP routing.

            [run](javascript:alert(2)) [data](data:text/html,<script>alert(3)</script>) [vb](VBScript:msgbox) <javascript:alert(4)>
            [docs](https://docs.tigera.io/calico/latest/about/) [other](flannel.md#ports) [anchor](#what-is-calico) [up](../zh/base.md)
            """);

    private readonly TempFolder data = new();
    private CniBotFactory factory = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        factory = new CniBotFactory(new Dictionary<string, string?>
        {
            ["Knowledge:Path"] = knowledge.Root,
            ["Data:Path"] = data.Root,
            ["MicrosoftAppId"] = string.Empty,
        });
        client = await factory.ReadyClientAsync();
    }

    [Fact]
    public async Task RawHtmlAndScriptLinks_AreNeverActive()
    {
        var page = await client.GetStringAsync(new Uri("/knowledge/en/base.md", UriKind.Relative));

        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", page, StringComparison.Ordinal); // shown as text
        Assert.DoesNotContain("href=\"javascript:", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"vbscript:", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://docs.tigera.io/calico/latest/about/\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"flannel.md#ports\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#what-is-calico\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"../zh/base.md\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyLoadedDocuments_AreServed_AndLinksAreNotFollowed()
    {
        // On disk but not in the index: a file that does not load, and a link to a file outside the folder.
        knowledge.With("en/broken.md", "---\nid: broken\nlang: en\ntags: [half, saved\n---\n# Broken\n");
        var outside = Path.Combine(data.Root, "secret.md");
        File.WriteAllText(outside, "---\nid: secret\nlang: en\n---\n# Secret\n\n## Token\n\nhunter2\n");
        File.CreateSymbolicLink(Path.Combine(knowledge.Root, "en", "secret.md"), outside);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/knowledge/en/broken.md", UriKind.Relative))).StatusCode);
        var linked = await client.GetAsync(new Uri("/knowledge/en/secret.md", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, linked.StatusCode);
        Assert.DoesNotContain("hunter2", await linked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/knowledge/en/base.md")]
    [InlineData("/")]
    [InlineData("/healthz")]
    [InlineData("/knowledge/en/nothing.md")]
    public async Task EveryResponse_CarriesTheContentSecurityPolicyAndNoSniff(string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await factory.DisposeAsync();
    }

    public void Dispose()
    {
        knowledge.Dispose();
        data.Dispose();
    }
}
