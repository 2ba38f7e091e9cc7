using CniBot.Hosting;
using CniBot.Search;
using CniBot.Tests.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace CniBot.Tests.Hosting;

public sealed class ReloadingKnowledgeIndexTests : IDisposable
{
    private const string Zebra = "---\nid: zebra\nlang: en\n---\n# Zebra\n\nIntro.\n\n## How do zebra crossings work?\n\nZebra crossings carry striped packets.\n";
    private readonly TempFolder folder = new TempFolder().With("en/base.md", "---\nid: base\nlang: en\n---\n# Base\n\nIntro.\n\n## What is Calico?\n\nCalico is a CNI plugin.\n");
    private readonly ReloadingKnowledgeIndex index;

    public ReloadingKnowledgeIndexTests() =>
        index = new ReloadingKnowledgeIndex(folder.Root, SearchFixture.CorpusOptions(), TimeSpan.FromMilliseconds(50), NullLogger<ReloadingKnowledgeIndex>.Instance);

    [Fact]
    public void NotReady_UntilLoaded()
    {
        Assert.False(index.IsReady);
        Assert.Throws<InvalidOperationException>(() => index.Search("calico"));

        var outcome = index.Reload();

        Assert.True(outcome.Succeeded);
        Assert.True(index.IsReady);
        Assert.True(index.Search("What is Calico?").Answered);
    }

    [Fact]
    public async Task Watching_PicksUpAddedAndRemovedSections()
    {
        index.Reload();
        index.StartWatching();
        Assert.False(index.Search("zebra crossings").Answered);

        folder.With("en/zebra.md", Zebra);
        Assert.True(await Eventually(() => index.Search("zebra crossings").Answered), "the new section never became searchable");

        File.Delete(Path.Combine(folder.Root, "en", "zebra.md"));
        Assert.True(await Eventually(() => !index.Search("zebra crossings").Answered), "the removed section kept answering");
    }

    [Fact]
    public void BrokenFile_KeepsItsLastGoodVersion()
    {
        folder.With("en/zebra.md", Zebra);
        index.Reload();

        folder.With("en/zebra.md", "---\nid: zebra\nlang: en\ntitle: [unclosed\n---\n# Zebra\n\nSomething else entirely.\n");
        var outcome = index.Reload();

        Assert.False(outcome.Succeeded);
        Assert.Contains(outcome.Diagnostics, d => d.Path.EndsWith("en/zebra.md", StringComparison.Ordinal) && d.Line == 4);
        Assert.Contains(outcome.Diagnostics, d => d.Message.Contains("last good version", StringComparison.Ordinal));
        Assert.True(index.Search("zebra crossings").Answered);
    }

    [Fact]
    public async Task SearchesRunningDuringAReload_Finish()
    {
        index.Reload();
        var failures = 0;
        var searches = Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                if (!index.Search("What is Calico?").Answered)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        for (var i = 0; i < 5; i++)
        {
            index.Reload();
        }

        await searches.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, failures);
    }

    public void Dispose()
    {
        index.Dispose();
        folder.Dispose();
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
