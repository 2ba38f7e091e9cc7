using CniBot.Knowledge;

namespace CniBot.Tests.Knowledge;

public sealed class PassageSplitterTests
{
    private const string Markdown = """
        ---
        id: sample
        lang: en
        title: Sample
        ---
        ## Which MTU?

        Calico's guide gives these values ([Calico: MTU](https://docs.tigera.io/calico/latest/networking/configuring/mtu)):

        | Mode | Overhead (bytes) | Calico MTU |
        |---|---|---|
        | VXLAN (IPv4) | 50 | 1450 |
        | VXLAN (IPv6) | 70 | **1430** |

        - Set `FELIX_IPINIPMTU` for IP-in-IP.
        - WireGuard:
          - IPv4 1440
          - IPv6 1420

        This first sentence is long enough to be cut off from what follows because it rambles on about nothing in particular for a while, and then some more, and then a little more again so that it passes two hundred characters. Then check the device:

        ```bash
        ip -d link show vxlan.calico
        ```

        > Quoted advice stays a passage.
        """;

    private static IReadOnlyList<KnowledgePassage> Passages()
    {
        var diagnostics = new List<KnowledgeDiagnostic>();
        var document = MarkdownKnowledgeParser.Parse(Markdown, "knowledge/en/sample.md", diagnostics);
        Assert.Empty(diagnostics);
        return Assert.Single(document!.Sections).Passages;
    }

    [Fact]
    public void Section_IsCutIntoParagraphsTableRowsListItemsAndCode()
    {
        var passages = Passages();

        Assert.Equal(
            [PassageKind.Paragraph, PassageKind.TableRow, PassageKind.TableRow, PassageKind.ListItem, PassageKind.ListItem, PassageKind.Paragraph, PassageKind.Code, PassageKind.Paragraph],
            passages.Select(p => p.Kind));
        Assert.Equal(Enumerable.Range(0, passages.Count), passages.Select(p => p.Ordinal));
    }

    [Fact]
    public void TableRow_KeepsItsHeader_AndReadsAsHeaderValuePairs()
    {
        var row = Passages()[2];

        Assert.Equal(["Mode", "Overhead (bytes)", "Calico MTU"], row.Header.Select(h => h.Text));
        Assert.Equal(["VXLAN (IPv6)", "70", "1430"], row.Cells.Select(c => c.Text));
        Assert.Equal(RunStyle.Strong, Assert.Single(row.Cells[2].Runs).Style);
        Assert.Equal("Mode: VXLAN (IPv6) · Overhead (bytes): 70 · Calico MTU: 1430", row.Text);
    }

    [Fact]
    public void InlineMarkup_BecomesStyledRuns_WithLinksKept()
    {
        var passages = Passages();

        var intro = passages[0].Body;
        Assert.Equal("Calico's guide gives these values (Calico: MTU):", intro.Text);
        Assert.Contains(intro.Runs, r => r.Text == "Calico: MTU" && r.Url == "https://docs.tigera.io/calico/latest/networking/configuring/mtu");
        Assert.Contains(passages[3].Body.Runs, r => r.Text == "FELIX_IPINIPMTU" && r.Style == RunStyle.Code);
    }

    [Fact]
    public void ListItem_CarriesItsNestedItems()
    {
        Assert.Equal("WireGuard:\n– IPv4 1440\n– IPv6 1420", Passages()[4].Text);
    }

    [Fact]
    public void CodeBlock_IsIntroducedByTheLastSentenceBeforeIt()
    {
        var code = Passages()[6];

        Assert.Equal("ip -d link show vxlan.calico", code.Code);
        Assert.Equal("bash", code.CodeLanguage);
        Assert.Equal("Then check the device:", code.Body.Text);
        Assert.Equal("Then check the device:\nip -d link show vxlan.calico", code.Text);
    }

    [Fact]
    public void Passage_KnowsItsLine()
    {
        var passages = Passages();

        Assert.Equal(8, passages[0].Line);
        Assert.Equal(13, passages[2].Line);
    }
}
