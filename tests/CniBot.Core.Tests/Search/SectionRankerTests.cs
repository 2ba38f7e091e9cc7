using CniBot.Search;

namespace CniBot.Tests.Search;

public sealed class SectionRankerTests
{
    [Theory]
    [InlineData("longhorn", false, Language.Zh, true)] // a product written in a Chinese question
    [InlineData("Kafka", false, Language.En, true)]
    [InlineData("cert-manager", true, Language.En, true)]
    [InlineData("cooldown", false, Language.En, false)] // an everyday English word
    [InlineData("v1.26", true, Language.En, false)] // a version names the setup, not the topic
    [InlineData("2022", false, Language.Zh, false)] // a year (not specific) in a Chinese question
    [InlineData("2022", false, Language.En, false)]
    public void IsName_TellsNamesFromWordsAndNumbers(string text, bool specific, Language language, bool expected)
    {
        var unit = new QueryUnit(text, Concept: -1, Term: text.ToLowerInvariant(), Salience: 1, Specific: specific);

        Assert.Equal(expected, SectionRanker.IsName(unit, language));
    }
}
