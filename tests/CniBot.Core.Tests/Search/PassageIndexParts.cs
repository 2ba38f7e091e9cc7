using CniBot.Loading;
using CniBot.Search;
using CniBot.Search.Analysis;
using Lucene.Net.Index;

namespace CniBot.Tests.Search;

/// <summary>
/// The passage index of a knowledge base and the parts the search builds on it (layout, scorer, word spread, question
/// analyzer), for tests of one part at a time; disposing it closes the index.
/// </summary>
internal sealed class PassageIndexParts : IDisposable
{
    public PassageIndexParts(KnowledgeBase knowledge)
    {
        Knowledge = knowledge;
        var glossary = new GlossaryMatcher(knowledge.Glossary, t => TextTokens.Of(Analyzer, t));
        Directory = PassageIndexWriter.Write(knowledge, glossary);
        Reader = DirectoryReader.Open(Directory);
        Layout = new PassageIndexLayout(knowledge, Reader, t => TextTokens.Of(Analyzer, t).Select(x => x.Forms[^1]));
        Scorer = new PassageScorer(Reader, PassageIndexWriter.Similarity, IndexFields.Searched);
        Spread = new TermSpread(Layout, Scorer);
        Questions = QuestionAnalyzer.For(knowledge, Analyzer, glossary, Layout.Subjects);
    }

    public KnowledgeBase Knowledge { get; }

    public CniAnalyzer Analyzer { get; } = new(AnalysisRole.Query);

    public FrozenMemoryDirectory Directory { get; }

    public DirectoryReader Reader { get; }

    public PassageIndexLayout Layout { get; }

    public PassageScorer Scorer { get; }

    public TermSpread Spread { get; }

    public QuestionAnalyzer Questions { get; }

    public void Dispose()
    {
        Reader.Dispose();
        Directory.Dispose();
        Analyzer.Dispose();
    }
}
