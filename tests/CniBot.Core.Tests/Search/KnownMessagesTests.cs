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

    [Fact]
    public void Sections_AreListed_InTheKnowledgesOrder_NotTheQuestions()
    {
        // The ranking boosts the quoted sections one after another: the order must not depend on where in a paste a
        // message appears.
        var messages = new KnownMessages([Section("BIRD is not ready"), Section("connection refused"), Section("i/o timeout")]);

        Assert.Equal([0, 2], messages.Find("dial tcp 10.96.0.1:443: i/o timeout ... calico/node is not ready: BIRD is not ready: BGP not established"));
    }

    [Fact]
    public void Messages_ThatOverlapOrRepeat_AreAllFound()
    {
        var messages = new KnownMessages([Section("dropping packet"), Section("table full, dropping packet"), Section("table full")]);

        Assert.Equal([0, 1, 2], messages.Find("nf_conntrack: table full, dropping packet\nnf_conntrack: table full, dropping packet"));
    }

    [Fact]
    public void Message_ThatNormalizesToNothing_MatchesNothing()
    {
        var messages = new KnownMessages([Section("\"\""), Section("table full")]);

        Assert.Empty(messages.Find("a question about something else"));
    }

    [Fact]
    public void Quoted_GivesEachMessageAsTheKnowledgeWritesIt_InTheOrderSectionsDeclareThem()
    {
        var messages = new KnownMessages([Section("BIRD is not ready", "BGP not established"), Section("i/o timeout")]);

        var quoted = messages.Quoted("dial tcp 10.96.0.1:443: I/O   TIMEOUT; bgp not established; BIRD is not ready");

        Assert.Equal([(0, "BIRD is not ready", 0), (1, "BGP not established", 0), (2, "i/o timeout", 1)], quoted.Select(q => (q.Index, q.Written, q.Section)));
    }
}
