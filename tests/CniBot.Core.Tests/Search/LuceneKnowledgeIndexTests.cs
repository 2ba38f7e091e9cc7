using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Tests.Search;

public sealed class SearchFixture : IDisposable
{
    /// <summary>
    /// The answer threshold suits one knowledge base: the product's (<see cref="SearchOptions.MinConfidence"/>) is
    /// calibrated on the real knowledge by <c>cnibot eval</c>. This corpus of four documents gives its expected
    /// answers at least 0.30 and its off-topic questions at most 0.24 (a lone glossary verb, "configure", in a
    /// question about nginx TLS certificates), so it is searched at a threshold between the two.
    /// </summary>
    internal const double CorpusThreshold = 0.27;

    public SearchFixture() => Index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(TestFiles.Path("Corpus")), CorpusOptions());

    /// <summary>The product's options with <see cref="CorpusThreshold"/> for questions in either language.</summary>
    internal static SearchOptions CorpusOptions() => new() { MinConfidence = CorpusThreshold, MinConfidenceZh = CorpusThreshold };

    public LuceneKnowledgeIndex Index { get; }

    public void Dispose() => Index.Dispose();
}

public sealed class LuceneKnowledgeIndexTests(SearchFixture fixture) : IClassFixture<SearchFixture>
{
    public static TheoryData<string, string> Questions()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in TestFiles.Read("Search", "questions.txt").Split('\n').Select(l => l.Trim()))
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                var parts = line.Split(" => ");
                data.Add(parts[0], parts[1]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Questions))]
    public void Search_FindsTheExpectedSection_OrAdmitsThereIsNone(string question, string expected)
    {
        var result = fixture.Index.Search(question);

        if (expected == "none")
        {
            Assert.False(result.Answered, $"answered '{question}' with {(result.Hits.Count > 0 ? result.Hits[0].Section.Key : "-")} (confidence {result.Confidence:0.00})");
            Assert.Empty(result.Hits);
        }
        else
        {
            Assert.True(result.Answered, $"no answer to '{question}' (confidence {result.Confidence:0.00})");
            Assert.Equal(expected, $"{result.Hits[0].Section.Language.Code()}/{result.Hits[0].Section.DocumentId}#{result.Hits[0].Section.Anchor}");
        }
    }

    [Theory]
    [InlineData("calico AND (")]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("\"")]
    [InlineData("\\")]
    [InlineData("~")]
    [InlineData("title:x^100")]
    [InlineData("calico\" OR \"1\"=\"1")]
    [InlineData("🙂🚀 calico 🙂")]
    [InlineData("\u0000\u0001\u001b[31m calico \u0007")]
    [InlineData("\ud800 lone surrogate")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Search_HostileQuestions_ReturnANormalResult(string? question)
    {
        var result = fixture.Index.Search(question);

        Assert.NotNull(result);
        Assert.InRange(result.Confidence, 0, 1);
        Assert.Equal(result.Answered, result.Hits.Count > 0);
        Assert.All(result.Hits, h => Assert.False(string.IsNullOrEmpty(h.Snippet)));
    }

    [Fact]
    public void Search_QuestionWithOperators_IsSearchedAsWords()
    {
        var result = fixture.Index.Search("calico AND ( vxlan mtu");

        Assert.True(result.Answered);
        Assert.Equal("which-mtu-should-calico-vxlan-use", result.Hits[0].Section.Anchor);
    }

    [Fact]
    public void Search_VeryLongQuestion_IsCutAndStillAnswers()
    {
        var question = "What MTU should Calico VXLAN use? " + new string('x', 10_000);

        var result = fixture.Index.Search(question);

        Assert.Equal(LuceneKnowledgeIndex.MaxQuestionLength, result.Question.Length);
        Assert.True(result.Answered);
        Assert.Equal("which-mtu-should-calico-vxlan-use", result.Hits[0].Section.Anchor);
    }

    [Fact]
    public void Search_ManyDistinctWords_DoesNotExceedLuceneClauseLimits()
    {
        var question = string.Join(' ', Enumerable.Range(0, 2000).Select(i => $"word{i}"));

        var result = fixture.Index.Search(question);

        Assert.False(result.Answered);
    }

    [Fact]
    public void Search_PrefersTheQuestionsLanguage()
    {
        Assert.Equal(Language.En, fixture.Index.Search("Calico VXLAN MTU").Hits[0].Section.Language);
        Assert.Equal(Language.Zh, fixture.Index.Search("Calico VXLAN MTU 是多少").Hits[0].Section.Language);
    }

    [Fact]
    public void Search_ShowsEachSectionOnce_NotAlsoItsTranslation()
    {
        var hits = fixture.Index.Search("Calico VXLAN MTU", top: 5).Hits;

        Assert.Equal(hits.Count, hits.Select(h => (h.Section.DocumentId, h.Section.Ordinal)).Distinct().Count());
    }

    [Fact]
    public void Search_AnswerIsThePassage_WithOnlyTheQuestionsDistinctiveWordsMarked()
    {
        var hit = fixture.Index.Search("Which UDP port does Cilium WireGuard listen on, 51871?").Hits[0];

        Assert.NotEmpty(hit.Answer);
        Assert.Contains("51871", hit.AnswerText, StringComparison.Ordinal);
        Assert.Contains("**51871**", hit.Snippet, StringComparison.Ordinal);
        // Words most passages of this corpus share (Cilium, WireGuard) are not marked: they would mark everything.
        Assert.DoesNotContain("**Cilium**", hit.Snippet, StringComparison.Ordinal);
        Assert.True(hit.Snippet.Split("**").Length / 2 <= PassageSelector.MaxHighlights);
    }

    [Fact]
    public void Search_AskedForOneAnswer_RanksTheSameSections_AndFindsThePassageOfTheFirstOnly()
    {
        const string question = "Calico VXLAN MTU";

        var full = fixture.Index.Search(question, top: 3);
        var one = fixture.Index.Search(question, top: 3, answers: 1);
        var again = fixture.Index.Search(question, top: 3);

        Assert.True(full.Hits.Count > 1, "the corpus should give this question more than one hit");
        Assert.Equal(full.Hits.Select(h => h.Section.Key), one.Hits.Select(h => h.Section.Key));
        Assert.Equal(full.Confidence, one.Confidence);
        Assert.Equal(full.Hits[0].AnswerText, one.Hits[0].AnswerText);
        Assert.NotEmpty(one.Hits[0].Answer);
        Assert.All(one.Hits.Skip(1), h => Assert.Empty(h.Answer));
        Assert.All(one.Hits, h => Assert.False(string.IsNullOrEmpty(h.Snippet)));
        // The answer cache keeps the two apart: a later full search still finds every hit's passage.
        Assert.All(again.Hits, h => Assert.NotEmpty(h.Answer));
    }

    [Fact]
    public void Search_LongQuestion_IsAnsweredLikeTheHundredCharactersThatMatter()
    {
        const string core = "What MTU should Calico VXLAN use?";
        var story = string.Concat(Enumerable.Repeat(
            "Hi all, we have a small cluster that we set up last week following the docs, and I tried everything I could find; thanks in advance for any help. ", 6));
        var log = "\n2024-05-12T05:08:50.991Z [ERROR][62] 10.0.0.12:5473 coredns-5d78c9869d-x2x9q a8bd15c0ffee9 i/o timeout\n";

        var shortResult = fixture.Index.Search(core);
        var longResult = fixture.Index.Search(core + " " + story + log);

        Assert.True(longResult.Answered, $"confidence {longResult.Confidence:0.00}");
        Assert.Equal(shortResult.Hits[0].Section.Key, longResult.Hits[0].Section.Key);
    }

    [Fact]
    public void Search_PastedKnownMessage_FindsTheSectionThatExplainsIt_Confidently()
    {
        var result = fixture.Index.Search("kubectl exec -it busybox -- nslookup example.com\nServer: 10.96.0.10\n;; connection timed out; no servers could be reached\n\ncommand terminated with exit code 1");

        Assert.True(result.Answered);
        Assert.Equal("en/dns#why-do-dns-lookups-take-5-seconds", result.Hits[0].Section.Key);
        Assert.InRange(result.Confidence, SectionRanker.MessageConfidence, 1.0);
    }

    [Fact]
    public void Search_QuestionAboutSomethingTheKnowledgeNeverNames_IsDeclined_EvenIfItSharesAWord()
    {
        var result = fixture.Index.Search("Kafka consumer group rebalancing keeps resetting the MTU of our JVM sockets");

        Assert.False(result.Answered, $"answered with confidence {result.Confidence:0.00}");
    }

    [Fact]
    public void Search_UnknownKeysOfAPastedConfig_DoNotMakeAQuestionOffTopic_ButAnUnknownProductInProseStillDoes()
    {
        const string asked = "What MTU should Calico VXLAN use? Packets over 1400 bytes are dropped between nodes.";
        const string config = "\n```\nspec:\n  reconfigureKubelet: true\n  removeCbrBridge: true\n  restartPods: true\n  binPath: /home/kubernetes/bin\n```";

        var plain = fixture.Index.Search(asked);
        var pasted = fixture.Index.Search(asked + config);
        var offTopic = fixture.Index.Search("Kafka consumer group rebalancing keeps resetting the MTU of our JVM sockets" + config);

        Assert.True(pasted.Answered, $"confidence {pasted.Confidence:0.00}");
        Assert.Equal(plain.Hits[0].Section.Key, pasted.Hits[0].Section.Key);
        Assert.InRange(pasted.Confidence, plain.Confidence * 0.75, 1); // the config's known words still dilute it a little (0.25 before)
        Assert.False(offTopic.Answered, $"answered with confidence {offTopic.Confidence:0.00}");
    }

    [Fact]
    public void Search_QuestionSharingOnlyAYear_WithASection_IsDeclined()
    {
        // dns.md says NodeLocal DNSCache came in 2018: a year says when, not what.
        var result = fixture.Index.Search("Who won the football world cup in 2018?");

        Assert.False(result.Answered, $"answered {(result.Hits.Count > 0 ? result.Hits[0].Section.Key : "-")} with confidence {result.Confidence:0.00}");
    }

    [Fact]
    public void Search_QuestionSharingOnlyASmallNumber_WithASection_IsDeclined()
    {
        // dns.md asks why lookups take 5 seconds; a slow spreadsheet is not about it.
        var result = fixture.Index.Search("Why does my spreadsheet take 5 seconds to open?");

        Assert.False(result.Answered, $"answered {(result.Hits.Count > 0 ? result.Hits[0].Section.Key : "-")} with confidence {result.Confidence:0.00}");
    }

    // An ingress answering 404 or a certificate challenge expecting 200 is not about a load balancer's health probe
    // that happens to mention both codes; a port number is what it says. amd64 is in every image tag and platform
    // string an asker pastes; a binary's own name is what it asks about.
    [Theory]
    [InlineData("## Why does the load balancer mark my Service unhealthy?\n\nThe health probe asks for / and the backend answers 404 instead of 200. kube-proxy answers the probe on port 10256.\n",
        "My backend answers 404 instead of 200", "My backend answers on 10256")]
    [InlineData("## Which binary do I download for amd64 nodes?\n\nDownload calicoctl-linux-amd64 for amd64 nodes and calicoctl-linux-arm64 for arm64 nodes.\n",
        "Which binary do I download for amd64 nodes?", "Which calicoctl-linux-amd64 binary do I download for amd64 nodes?")]
    public void Search_StatusCodesAndArchitectures_TieNoSectionToAQuestion_PortsAndBinaryNamesDo(string section, string unanchored, string anchored)
    {
        using var folder = new TempFolder().With("en/doc.md", "---\nid: doc\nlang: en\n---\n# Doc\n\n" + section);
        using var index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(folder.Root), new SearchOptions { MinConfidence = 0, MinConfidenceZh = 0, AnswerCacheEntries = 0 });

        Assert.InRange(index.Search(unanchored).Confidence, 0, SectionRanker.UnanchoredShare);
        var tied = index.Search(anchored);
        Assert.True(tied.Confidence > SectionRanker.UnanchoredShare, $"confidence {tied.Confidence:0.00}");
    }

    [Fact]
    public void Search_NoAnswer_SuggestsNothingUnrelated_AndIsHonestAboutConfidence()
    {
        var result = fixture.Index.Search("How do I bake sourdough bread?");

        Assert.False(result.Answered);
        Assert.True(result.Confidence < 0.5);
        Assert.Empty(result.Hits);
    }

    [Fact]
    public void Search_DetectsTheQuestionsLanguage()
    {
        Assert.Equal(Language.Zh, fixture.Index.Search("Calico 的 VXLAN MTU 怎么设?").Language);
        Assert.Equal(Language.En, fixture.Index.Search("Calico VXLAN MTU").Language);
    }

    [Fact]
    public void Search_IsSafeFromManyThreadsAtOnce()
    {
        var questions = new[] { "Calico VXLAN MTU", "Cilium WireGuard 端口", "ndots", "kube-proxy" };
        var expected = questions.Select(q => fixture.Index.Search(q).Hits[0].Section.Key).ToArray();

        var results = new string[200];
        Parallel.For(0, results.Length, i => results[i] = fixture.Index.Search(questions[i % questions.Length]).Hits[0].Section.Key);

        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal(expected[i % questions.Length], results[i]));
    }
}
