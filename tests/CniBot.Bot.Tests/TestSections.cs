using CniBot.Knowledge;

namespace CniBot.Tests;

/// <summary>A knowledge section for renderer tests: knowledge/en/mtu.md, its second-level <paramref name="heading"/>.</summary>
internal static class TestSections
{
    public static KnowledgeSection Mtu(string heading = "VXLAN MTU") => new()
    {
        DocumentId = "mtu",
        DocumentTitle = "MTU",
        Language = Language.En,
        Path = "knowledge/en/mtu.md",
        Heading = heading,
        HeadingPath = ["MTU", heading],
        Anchor = "vxlan-mtu",
        Level = 2,
        Line = 5,
        Ordinal = 1,
        Markdown = "x",
        PlainText = "x",
    };
}
