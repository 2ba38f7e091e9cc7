using System.Text;
using CniBot.Loading;
using CniBot.Search;

namespace CniBot.Tests.Search;

public sealed class TermSpreadTests
{
    /// <summary>
    /// Twelve sections of four paragraphs: "zorblat" fills every paragraph of the first three sections (a topic), "plain"
    /// opens every section once (everyday language), "seldom" is in three paragraphs only.
    /// </summary>
    private static string Document()
    {
        var text = new StringBuilder("---\nid: spread\ntitle: Spread\nlang: en\n---\n# Spread\n\nIntroduction to nothing.\n\n");
        for (var section = 1; section <= 12; section++)
        {
            // Both words are in a heading, so neither counts as the asker's own phrasing (QueryBuilder.OffTopicWordSalience).
            text.Append(section == 1 ? "## Zorblat plain heading " : "## Heading number ").Append(section).Append("\n\n");
            for (var paragraph = 1; paragraph <= 4; paragraph++)
            {
                var words = new List<string> { $"filler{section}x{paragraph}" };
                if (section <= 3)
                {
                    words.Add("zorblat");
                }

                if (paragraph == 1)
                {
                    words.Add("plain");
                }

                if (section >= 10 && paragraph == 2)
                {
                    words.Add("seldom");
                }

                text.Append(string.Join(' ', words)).Append(".\n\n");
            }
        }

        return text.ToString();
    }

    [Fact]
    public void Ratio_IsLowForAClumpedWord_AboutOneForAnEvenlySpreadOne_AndNaNForARareOne()
    {
        using var kb = new TempFolder().With("en/spread.md", Document());
        using var index = new PassageIndexParts(KnowledgeLoader.Load(kb.Root));

        Assert.Equal(12, index.Scorer.DocumentFrequency(IndexFields.EnText, "zorblat"));
        Assert.Equal(3, index.Scorer.DistinctGroups(IndexFields.EnText, "zorblat", index.Layout.SectionsOfDocs));
        Assert.Equal(12, index.Scorer.DistinctGroups(IndexFields.EnText, "plain", index.Layout.SectionsOfDocs));
        Assert.Equal(0, index.Scorer.DistinctGroups(IndexFields.EnText, "absent", index.Layout.SectionsOfDocs));

        Assert.InRange(index.Spread.Ratio("zorblat"), 0.2, 0.6);
        Assert.InRange(index.Spread.Ratio("plain"), 1.0, 2.0);
        Assert.True(double.IsNaN(index.Spread.Ratio("seldom")));

        Assert.Equal(1, index.Spread.Damping("zorblat"));
        Assert.Equal(1 - TermSpread.EverydayDamping, index.Spread.Damping("plain"), 6);
        Assert.Equal(1, index.Spread.Damping("seldom"));
        Assert.Equal(1, index.Spread.Damping("absent"));
    }

    [Fact]
    public void Weigh_DampsTheEverydayWord_NotTheTopicalOne()
    {
        using var kb = new TempFolder().With("en/spread.md", Document());
        using var index = new PassageIndexParts(KnowledgeLoader.Load(kb.Root));
        var question = index.Questions.Analyze("plain zorblat");
        var damped = new QueryBuilder(new SearchOptions(), index.Layout.PassageCount, index.Spread).Weigh(question, index.Scorer);
        var undamped = new QueryBuilder(new SearchOptions(), index.Layout.PassageCount).Weigh(question, index.Scorer);

        double Salience(List<WeightedUnit> units, string term) => units.Single(u => u.Unit.Term == term).Unit.Salience;
        Assert.Equal(Salience(undamped, "zorblat"), Salience(damped, "zorblat"));
        Assert.Equal(Salience(undamped, "plain") * (1 - TermSpread.EverydayDamping), Salience(damped, "plain"), 6);
    }

    [Fact]
    public void OnTheRealKnowledge_EverydayWordsSpreadLikeChance_TopicalWordsClump()
    {
        using var index = new PassageIndexParts(KnowledgeLoader.Load(Repository.Knowledge));

        // Loose bounds: the knowledge grows every week, and each section moves the ratios a little; what must hold is
        // that the two kinds stay apart, on either side of the damping's start.
        string[] everyday = ["through", "first", "exampl", "show"];
        string[] topical = ["wireguard", "flannel", "coredn", "egress"];
        Assert.All(everyday, w => Assert.InRange(index.Spread.Ratio(w), 0.85, 1.3));
        Assert.All(topical, w => Assert.InRange(index.Spread.Ratio(w), 0.3, TermSpread.TopicalRatio));
        Assert.True(everyday.Min(index.Spread.Ratio) - topical.Max(index.Spread.Ratio) > 0.1);
    }
}
