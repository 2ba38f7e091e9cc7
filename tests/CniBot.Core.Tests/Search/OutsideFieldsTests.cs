using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Tests.Search;

/// <summary>
/// A question whose opening names a neighbouring field the glossary declares outside (an ingress controller) is not
/// anchored to a section that only mentions that field in passing; naming the CNI subject as well still is.
/// </summary>
public sealed class OutsideFieldsTests
{
    private const string Document = """
        ---
        id: lb
        lang: en
        tags: [calico]
        ---
        # Load balancers

        Intro.

        ## Why does the cloud load balancer mark every node unhealthy?

        On a Calico cluster the ingress-nginx chart declares appProtocol, so the load balancer probes the NodePort
        with HTTP on / and the default backend answers 404; every node then looks down. Point the probe at /healthz,
        which returns 200.
        """;

    private const string Outside = "- en: [ingress-nginx, nginx ingress, ingress controller]\n  outside: true\n";

    /// <summary>The autoscaler as a neighbouring field, and a Calico section that shares the title tests' words.</summary>
    private const string HpaOutside = "- en: [HPA, horizontal pod autoscaler]\n  outside: true\n";

    private static readonly string ProbeDocument = Section("Probes", "Why does the probe on a Calico node report unknown?", "On a Calico node the probe reports unknown until Felix is ready.");

    [Fact]
    public void OpeningNamingAnOutsideField_IsNotAnchoredByThatName()
    {
        const string question = "nginx ingress sends every path to the default backend\n\nThe ingress-nginx default backend answers and the probe fails.";

        var declared = Confidence(Outside, question, out var explain);
        var undeclared = Confidence(string.Empty, question, out _);

        Assert.True(undeclared >= 0.5, $"without the outside group the section is tied by ingress-nginx ({undeclared:0.00})");
        AssertCutToTheUnanchoredShare(declared, undeclared, "with it the section is still anchored");
        Assert.Contains("neighbouring field (glossary, outside): nginx ingress", explain, StringComparison.Ordinal);
    }

    [Fact]
    public void OpeningThatAlsoNamesTheCniSubject_IsStillAnswered()
    {
        var confidence = Confidence(Outside, "Calico: the load balancer health probe fails on every node with ingress-nginx", out _);

        Assert.True(confidence >= new SearchOptions().MinConfidence, $"confidence {confidence:0.00}");
    }

    [Fact]
    public void TitleNamingAnOutsideField_IsTiedOnlyByTheTitle()
    {
        // The same words with and without a line break after the first sentence: as a title above a body, "HPA ...
        // unknown" is what is asked and Calico, named in the body's first words, is only where it runs; as one
        // paragraph, Calico is part of the opening and ties the section as before.
        const string title = "HPA target shows unknown\n\nOn our Calico nodes the autoscaler target stays unknown for every deployment.";
        const string paragraph = "HPA target shows unknown. On our Calico nodes the autoscaler target stays unknown for every deployment.";

        var titled = Confidence(HpaOutside, title, out var explain, ProbeDocument);
        var untitled = Confidence(HpaOutside, paragraph, out var explainUntitled, ProbeDocument);

        Assert.Contains("(in its title: only the title ties it to a section)", explain, StringComparison.Ordinal);
        Assert.DoesNotContain("in its title", explainUntitled, StringComparison.Ordinal);
        Assert.Contains("anchored by 'Calico' (subject)", explainUntitled, StringComparison.Ordinal);
        Assert.True(untitled >= new SearchOptions().MinConfidence, $"in one paragraph Calico ties the section ({untitled:0.00})");
        Assert.True(titled < new SearchOptions().MinConfidence, $"below a title naming HPA it does not ({titled:0.00})");
    }

    [Fact]
    public void TitleNamingAnOutsideFieldAndTheSubject_IsStillAnswered()
    {
        var confidence = Confidence(HpaOutside, "HPA target shows unknown on Calico nodes\n\nThe autoscaler target stays unknown for every deployment we have.", out _, ProbeDocument);

        Assert.True(confidence >= new SearchOptions().MinConfidence, $"confidence {confidence:0.00}");
    }

    [Fact]
    public void OutsideFieldNamedOnlyInTheBody_WithNothingOfTheKnowledgeInTheOpening_IsNotAnchored()
    {
        const string question = "Why does the probe mark every node unhealthy?\n\nWe run three nodes behind the cloud load balancer, and every health check against them fails after a few seconds although the backends answer locally. "
            + "Our ingress-nginx chart answers 404 on / behind the cloud load balancer.";

        var declared = Confidence(Outside, question, out var explain);
        var undeclared = Confidence(string.Empty, question, out _);

        Assert.True(question.IndexOf("ingress-nginx", StringComparison.Ordinal) > QuestionAnalyzer.OpeningLength);
        Assert.DoesNotContain("opens with a neighbouring field", explain, StringComparison.Ordinal);
        Assert.Contains("names a neighbouring field (glossary, outside) only below its opening", explain, StringComparison.Ordinal);
        Assert.True(undeclared >= new SearchOptions().MinConfidence, $"without the outside group the section answers ({undeclared:0.00})");
        AssertCutToTheUnanchoredShare(declared, undeclared, "named in the body, ingress-nginx is what is asked");
    }

    [Fact]
    public void OutsideFieldNamedOnlyInTheBody_UnderAnOpeningThatNamesASubject_IsStillAnswered()
    {
        const string question = "Calico: why does the probe mark every node unhealthy?\n\nWe run three nodes behind the cloud load balancer, and every health check against them fails after a few seconds although the backends answer locally. "
            + "Our ingress-nginx chart answers 404 on / behind the cloud load balancer.";

        var confidence = Confidence(Outside, question, out _);

        Assert.True(confidence >= new SearchOptions().MinConfidence, $"confidence {confidence:0.00}");
    }

    [Fact]
    public void AConceptInsideAnOutsideName_DoesNotAnchorEither()
    {
        // "metrics" is a concept of the knowledge (Felix metrics); in "metrics.k8s.io", the API group an HPA reads,
        // it names the neighbouring field, not what the knowledge's metrics sections are about.
        // Other sections make "metrics" rare enough to anchor (a concept in more than a tenth of the passages does not).
        var metrics = Section("Monitoring", "Which Felix metrics show dropped packets?", "Scrape the metrics port 9091 of calico-node and watch the CPU and drop counters.") + Topics(12);
        const string question = "HPA can't grab CPU metrics from metrics.k8s.io api\n\nThe autoscaler reports missing metrics for every pod.";

        var declared = Confidence("- en: [metrics, metric]\n- en: [HPA, metrics.k8s.io]\n  outside: true\n", question, out _, metrics);
        var undeclared = Confidence("- en: [metrics, metric]\n- en: [HPA]\n  outside: true\n", question, out _, metrics);

        Assert.True(undeclared >= new SearchOptions().MinConfidence, $"with only HPA outside, metrics anchors ({undeclared:0.00})");
        Assert.True(declared < new SearchOptions().MinConfidence, $"with metrics.k8s.io outside too, nothing anchors ({declared:0.00})");
    }

    [Fact]
    public void TheVocabularyOfAnOutsideFieldNamedInTheOpening_DoesNotAnchorEither()
    {
        // "monitoring" is a concept of the knowledge (monitoring a CNI); in a question about Prometheus's own disk use it
        // is that field's everyday word. Other sections make the concept rare enough to anchor otherwise.
        var monitoring = Section("Node tables", "How do I alert when the conntrack table is nearly full?", "For monitoring, scrape the node exporter and alert when the table is nearly full.") + Topics(40);
        const string question = "Prometheus taking too much disk space for monitoring\n\nThe data folder is nearly full after two weeks.";
        const string concepts = "- en: [monitoring, monitor]\n";

        var declared = Confidence(concepts + "- en: [Prometheus]\n  outside: true\n  near: [monitoring]\n", question, out var explain, monitoring);
        var undeclared = Confidence(concepts + "- en: [Prometheus]\n  outside: true\n", question, out var explainUndeclared, monitoring);

        Assert.Contains("anchored by 'monitoring' (concept)", explainUndeclared, StringComparison.Ordinal);
        Assert.True(undeclared >= new SearchOptions().MinConfidence, $"without near, monitoring anchors ({undeclared:0.00})");
        Assert.Contains("anchored by nothing specific", explain, StringComparison.Ordinal);
        AssertCutToTheUnanchoredShare(declared, undeclared, "with monitoring near Prometheus, nothing anchors");
    }

    [Fact]
    public void AConceptOfEverydayWords_BridgesTheLanguages_ButAnchorsNothing()
    {
        // "allow" joins 放行 in firewall questions; in "Readiness probe allows yellow clusters" (Elasticsearch) it is a
        // verb like any other. Other sections make the concept rare enough to anchor when it is not marked everyday.
        var firewall = Section("Firewalls", "Which rule allows a single replica through the node firewall?", "Allow the replica's traffic from the node address; it then starts.") + Topics(40);
        const string question = "The chart allows yellow clusters\n\nIt allows a single replica to start.";
        const string allow = "- en: [open, allow]\n  zh: [放行]\n";

        var everyday = Confidence(allow + "  everyday: true\n", question, out var explainEveryday, firewall);
        var plain = Confidence(allow, question, out var explainPlain, firewall);

        Assert.Contains("anchored by 'allows' (concept)", explainPlain, StringComparison.Ordinal);
        Assert.Contains("anchored by nothing specific", explainEveryday, StringComparison.Ordinal);
        AssertCutToTheUnanchoredShare(everyday, plain, "an everyday concept anchors nothing");
        Confidence(allow + "  everyday: true\n", "防火墙要放行什么？", out var explainChinese, firewall);
        Assert.Contains("concept '放行'", explainChinese, StringComparison.Ordinal); // still searched, in either language
    }

    [Fact]
    public void AnApiVersionLabel_TiesNoSectionToAQuestion_WhereAPortDoes()
    {
        var document = Section("API", "Why does the v1 endpoint refuse requests on port 9091?", "The v1 endpoint on 9091 refuses requests without a token.");

        Confidence(string.Empty, "Why is the v1 endpoint refusing my requests?", out var version, document);
        Confidence(string.Empty, "Why is port 9091 refusing my requests?", out var port, document);

        Assert.Contains("anchored by nothing specific", version, StringComparison.Ordinal);
        Assert.Contains("anchored by '9091' (specific)", port, StringComparison.Ordinal);
    }

    /// <summary>A Calico document with one section under test.</summary>
    private static string Section(string title, string heading, string body) =>
        $"---\nid: t\nlang: en\ntags: [calico]\n---\n# {title}\n\nIntro.\n\n## {heading}\n\n{body}\n";

    /// <summary>Tied by nothing, a section keeps only the unanchored share of the confidence it has when tied.</summary>
    private static void AssertCutToTheUnanchoredShare(double cut, double whole, string because) =>
        Assert.True(cut <= (SectionRanker.UnanchoredShare * whole) + 1e-9, $"{because} ({cut:0.00} against {whole:0.00})");

    /// <summary>Sections on other subjects, which make a concept of the section under test rare enough to anchor.</summary>
    private static string Topics(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"\n## Topic {i}: which route does node {i} use?\n\nNode {i} routes through tunnel {i}.\n"));

    private static double Confidence(string glossary, string question, out string explain, string document = Document)
    {
        using var folder = new TempFolder().With("en/lb.md", document).With("glossary.yaml", "- en: [probe, health check]\n" + glossary);
        using var index = LuceneKnowledgeIndex.Build(KnowledgeLoader.Load(folder.Root), new SearchOptions { MinConfidence = 0, MinConfidenceZh = 0, AnswerCacheEntries = 0 });
        explain = index.Explain(question);
        return index.Search(question).Confidence;
    }
}
