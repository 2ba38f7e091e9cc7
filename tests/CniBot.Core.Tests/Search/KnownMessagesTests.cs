using CniBot.Knowledge;
using CniBot.Search;

namespace CniBot.Tests.Search;

public sealed class KnownMessagesTests
{
    private static KnowledgeSection Section(params string[] messages) => new()
    {
        DocumentId = "t", DocumentTitle = "T", Language = Language.En, Path = "knowledge/en/t.md", Heading = "H", HeadingPath = ["T", "H"],
        Anchor = "h", Level = 2, Line = 1, Ordinal = 0, Markdown = "x", PlainText = "x", Messages = messages,
    };

    [Theory]
    [InlineData("dmesg: nf_conntrack: table full, dropping packet", true)]
    [InlineData("NF_CONNTRACK:  TABLE FULL,\n dropping packet", true)]
    [InlineData("the conntrack table is full and drops packets", false)]
    [InlineData("nf_conntrack: table", false)]
    public void Message_IsMatchedWhole_CaseSpacingAndQuotesAside(string text, bool found)
    {
        var messages = new KnownMessages([Section("nf_conntrack: table full, dropping packet")]);

        Assert.Equal(found, messages.Find(text).Count == 1);
    }

    [Fact]
    public void EverySectionQuoted_IsFound_Once()
    {
        var messages = new KnownMessages([Section("failed to assign an IP address to container", "InsufficientFreeAddressesInSubnet"), Section("failed to assign an IP address to container")]);

        Assert.Equal([0, 1], messages.Find("aws-node: failed to assign an IP address to container (InsufficientFreeAddressesInSubnet)"));
    }
}
