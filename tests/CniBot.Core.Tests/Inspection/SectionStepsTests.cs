using CniBot.Diagnosis.Calculators;
using CniBot.Inspection;

namespace CniBot.Tests.Inspection;

/// <summary>
/// The knowledge's own impact tags make a section's passages into steps: the strongest tag in a passage wins, a
/// passage without one is no step, and only inline code that starts with a known program is set out as a command.
/// Over the shipped knowledge every section that explains a message gives well-formed steps.
/// </summary>
public sealed class SectionStepsTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Theory]
    [InlineData("Check (read-only): `kubectl get nodes`.", StepImpact.ReadOnly)]
    [InlineData("Read-only checks on the node: the ipamd log.", StepImpact.ReadOnly)]
    [InlineData("**(reads only)** `sysctl net.netfilter.nf_conntrack_tcp_timeout_close_wait`.", StepImpact.ReadOnly)]
    [InlineData("Check (都会修改集群并重启 agent)", null)]
    [InlineData("设置（都会修改集群并重启 agent）：", StepImpact.Disruptive)]
    [InlineData("默认值（重启后失效）", null)]
    [InlineData("Fix (changes the node): delete the stale interface.", StepImpact.Change)]
    [InlineData("Check first (read-only), then fix (changes config): set the MTU.", StepImpact.Change)]
    [InlineData("Roll the nodes (disruptive, node by node).", StepImpact.Disruptive)]
    [InlineData("检查（只读）：`kubectl get nodes`。", StepImpact.ReadOnly)]
    [InlineData("修复（会修改配置）：设置 MTU。", StepImpact.Change)]
    [InlineData("修复（会中断业务）：驱逐节点。", StepImpact.Disruptive)]
    [InlineData("Calico reads the MTU once at start.", null)]
    [InlineData("The read-only root filesystem of the Pod.", null)]
    public void Impact_IsTheStrongestTag(string text, StepImpact? impact) =>
        Assert.Equal(impact, SectionSteps.ImpactOf(text));

    [Theory]
    [InlineData("kubectl get pods -A -o wide", true)]
    [InlineData("nc -zv <typha-node-ip> 5473", true)]
    [InlineData("ip -d link show vxlan.calico", true)]
    [InlineData("kubectl", false)]
    [InlineData("WARM_IP_TARGET", false)]
    [InlineData("/var/log/aws-routed-eni/ipamd.log", false)]
    [InlineData("mtu 1450", false)]
    public void Command_IsAKnownProgramWithArguments(string code, bool command) =>
        Assert.Equal(command, SectionSteps.IsCommand(code));

    [Fact]
    public void TaggedParagraph_AndTheCodeBlockItIntroduces_AreOneStep_AlsoWhenTheIntroductionWasCutToItsLastSentence()
    {
        // The passage splitter keeps only the last sentence of an introduction over 200 characters: the block still
        // belongs to the whole paragraph, and is told once, under it.
        var pairs = 0;
        var cut = 0;
        foreach (var section in fixture.Knowledge.Sections.Where(s => s.Messages.Count > 0))
        {
            var passages = section.Passages;
            var steps = SectionSteps.Of(section, section.Anchor);
            if (steps.Count == SectionSteps.MaxSteps)
            {
                continue; // later pairs may lie past the bound
            }

            for (var i = 0; i < passages.Count; i++)
            {
                if (SectionSteps.IntroducedCode(passages, i) is not { } code || SectionSteps.ImpactOf(passages[i].Text) is null)
                {
                    continue;
                }

                pairs++;
                cut += code.Body.Text.Trim() != passages[i].Text.Trim() ? 1 : 0;
                var block = code.Code!.TrimEnd('\n');
                Assert.Single(steps, s => s.Body.Contains(block, StringComparison.Ordinal));
            }
        }

        Assert.True(cut > 0, $"no cut introduction among {pairs} tagged paragraph and code pairs");
    }

    [Fact]
    public void EverySectionThatExplainsAMessage_GivesBoundedDistinctSteps_WithABody()
    {
        var sections = fixture.Knowledge.Sections.Where(s => s.Messages.Count > 0).ToArray();
        Assert.NotEmpty(sections);
        var withSteps = 0;
        foreach (var section in sections)
        {
            foreach (var shown in new[] { section, fixture.Knowledge.Counterpart(section) ?? section })
            {
                var steps = SectionSteps.Of(shown, $"{section.DocumentId}#{section.Anchor}");
                Assert.True(steps.Count <= SectionSteps.MaxSteps, section.Anchor);
                Assert.All(steps, s => Assert.False(string.IsNullOrWhiteSpace(s.Body), $"{shown.Citation}: {s.Title}"));
                Assert.All(steps, s => Assert.NotNull(s.Impact));
                Assert.Equal(steps.Count, steps.Select(s => s.Body).Distinct(StringComparer.Ordinal).Count());
                withSteps += steps.Count > 0 ? 1 : 0;
            }
        }

        // Most such sections tag their checks and fixes; the rest are answered by the section itself.
        var shownCount = sections.Length * 2;
        Assert.True(withSteps * 2 > shownCount, $"{withSteps} of {shownCount}");
    }
}
