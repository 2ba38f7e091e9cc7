using CniBot.Diagnosis.Calculators;
using CniBot.Loading;

namespace CniBot.Tests.Diagnosis.Calculators;

/// <summary>The QoS, monitoring and cross-region calculators, each on its own: what they say for each answer.</summary>
public sealed class RunbookCalculatorTests
{
    private static readonly KnowledgeBase Knowledge = KnowledgeLoader.Load(Repository.Knowledge);

    private static CalculationResult Run(IDiagnosisCalculator calculator, Language language, params (string Key, string Value)[] answers) =>
        calculator.Calculate(answers.ToDictionary(a => a.Key, a => a.Value), language);

    private static string All(CalculationResult result) =>
        string.Join("\n", new[] { result.Headline }.Concat(result.Working).Concat(result.Steps.SelectMany(s => new[] { s.Title, s.Body })).Concat(result.Notes));

    [Fact]
    public void Qos_Cilium_BothDirections_AnnotatesBoth_AndTurnsOnBandwidthManager()
    {
        var result = Run(new QosCalculator(), Language.En, ("plugin", "cilium"), ("direction", "both"), ("rate", "50"));

        Assert.Contains("50 Mbit/s", result.Headline, StringComparison.Ordinal);
        Assert.Contains("kubernetes.io/egress-bandwidth: \"50M\"", All(result), StringComparison.Ordinal);
        Assert.Contains("kubernetes.io/ingress-bandwidth: \"50M\"", All(result), StringComparison.Ordinal);
        Assert.Contains("bandwidthManager.enabled=true", All(result), StringComparison.Ordinal);
        Assert.Equal(StepImpact.Disruptive, result.Steps[0].Impact);
    }

    [Fact]
    public void Qos_Calico_HighPriority_AddsDscp_AndUsesCalicosOwnAnnotations()
    {
        var result = Run(new QosCalculator(), Language.En, ("plugin", "calico"), ("direction", "egress"), ("rate", "200"), ("priority", "high"));

        Assert.Contains("qos.projectcalico.org/egressBandwidth: \"200M\"", All(result), StringComparison.Ordinal);
        Assert.Contains("qos.projectcalico.org/dscp: \"EF\"", All(result), StringComparison.Ordinal);
        Assert.DoesNotContain("ingressBandwidth", All(result), StringComparison.Ordinal);
        Assert.DoesNotContain("kubernetes.io/", All(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Qos_OtherPlugin_IngressOnly_ChainsTheBandwidthPlugin_AndMeasuresInReverse()
    {
        var result = Run(new QosCalculator(), Language.Zh, ("plugin", "flannel"), ("direction", "ingress"), ("rate", "10"));

        Assert.Contains("bandwidth", result.Steps[0].Body, StringComparison.Ordinal);
        Assert.Contains("重建", result.Steps[0].Body, StringComparison.Ordinal); // limits apply to pods created afterwards
        Assert.Contains("iperf3 -c <server-pod-ip> -t 30 -R", All(result), StringComparison.Ordinal);
        Assert.DoesNotContain("egress-bandwidth", All(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Monitoring_Calico_EnablesFelixMetrics_OnItsPort()
    {
        var result = Run(new MonitoringCalculator(), Language.En, ("plugin", "calico"), ("regions", "one"));

        Assert.Contains("prometheusMetricsEnabled", All(result), StringComparison.Ordinal);
        Assert.Contains("9091", All(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Monitoring_ManyRegions_ProbesWithThePodMtu()
    {
        var one = All(Run(new MonitoringCalculator(), Language.En, ("plugin", "cilium"), ("regions", "one")));
        var many = All(Run(new MonitoringCalculator(), Language.En, ("plugin", "cilium"), ("regions", "many"), ("podmtu", "8450")));

        Assert.Contains("8450", many, StringComparison.Ordinal);
        Assert.DoesNotContain("8450", one, StringComparison.Ordinal);
        Assert.True(many.Length > one.Length, "several regions add probes");
    }

    [Fact]
    public void CrossRegion_Hangs_WithMtuAnswers_IncludesTheComputedMtu_AndMssClamping()
    {
        var result = Run(new CrossRegionCalculator(), Language.En, ("symptom", "hangs"), ("plugin", "calico"), ("mode", "vxlan"), ("family", "v4"), ("underlay", "1500"));

        Assert.Contains("1450", All(result), StringComparison.Ordinal);
        Assert.Contains("--clamp-mss-to-pmtu", All(result), StringComparison.Ordinal);
        Assert.DoesNotContain("iperf3", All(result), StringComparison.Ordinal); // that is the throughput runbook
    }

    [Theory]
    [InlineData("loss", "nf_conntrack")]
    [InlineData("dns", "ndots")]
    [InlineData("latency", "TCP_RR")]
    [InlineData("throughput", "iperf3")]
    public void CrossRegion_EachSymptom_HasItsOwnRunbook(string symptom, string expected) =>
        Assert.Contains(expected, All(Run(new CrossRegionCalculator(), Language.En, ("symptom", symptom))), StringComparison.Ordinal);

    /// <summary>Every step cites sections that exist, in both languages, for every answer the flows offer.</summary>
    [Fact]
    public void EverySource_OfEveryStep_IsASectionOfTheKnowledge()
    {
        IDiagnosisCalculator[] calculators = [new QosCalculator(), new MonitoringCalculator(), new CrossRegionCalculator()];
        var answerSets = new[]
        {
            new[] { ("plugin", "cilium"), ("direction", "both") }, [("plugin", "calico"), ("priority", "high")], [("plugin", "other"), ("direction", "ingress")],
            [("plugin", "calico"), ("regions", "many")], [("plugin", "cilium"), ("regions", "many")], [("plugin", "other"), ("regions", "one")],
            [("symptom", "hangs"), ("plugin", "cilium"), ("mode", "vxlan")], [("symptom", "throughput")], [("symptom", "loss")], [("symptom", "dns")], [("symptom", "latency")],
        };

        foreach (var language in new[] { Language.En, Language.Zh })
        {
            foreach (var calculator in calculators)
            {
                foreach (var answers in answerSets)
                {
                    foreach (var source in Run(calculator, language, answers).Steps.SelectMany(s => s.Sources))
                    {
                        Assert.True(Knowledge.FindSource(source, language) is { } section && section.Language == language, $"{calculator.Name}: '{source}' is not a section in {language.Code()}");
                    }
                }
            }
        }
    }
}
