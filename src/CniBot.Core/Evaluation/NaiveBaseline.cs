using CniBot.Knowledge;
using CniBot.Loading;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace CniBot.Evaluation;

/// <summary>
/// What anyone gets from Lucene without thought: every section of the same knowledge indexed with
/// <see cref="StandardAnalyzer"/> (heading and text in one field), the question (escaped) through the classic
/// <see cref="QueryParser"/>, the best-scoring section as the answer, never a "no good answer". CniBot's retrieval
/// is measured against it in the same run, so that its figures mean something.
/// </summary>
public sealed class NaiveBaseline : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string TextFieldName = "text";
    private const string OrdinalField = "ord";

    private readonly RAMDirectory directory = new();
    private readonly StandardAnalyzer analyzer = new(Version);
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly IReadOnlyList<KnowledgeSection> sections;

    public NaiveBaseline(KnowledgeBase knowledge)
    {
        ArgumentNullException.ThrowIfNull(knowledge);
        sections = knowledge.Sections;
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer)))
        {
            for (var i = 0; i < sections.Count; i++)
            {
                writer.AddDocument(
                [
                    new TextField(TextFieldName, sections[i].DocumentTitle + "\n" + sections[i].Heading + "\n" + sections[i].PlainText, Field.Store.NO),
                    new StoredField(OrdinalField, i),
                ]);
            }
        }

        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader);
    }

    /// <summary>The best section for <paramref name="question"/>, or null when nothing matches at all.</summary>
    public KnowledgeSection? Answer(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        // The same bound as CniBot's (a question is cut at 1,000 characters), which also keeps a long paste under
        // BooleanQuery's clause limit.
        var text = question.Length > 1000 ? question[..1000] : question;
        var parser = new QueryParser(Version, TextFieldName, analyzer);
        Query query;
        try
        {
            query = parser.Parse(QueryParserBase.Escape(text));
        }
        catch (ParseException)
        {
            return null;
        }

        var top = searcher.Search(query, 1).ScoreDocs;
        return top.Length == 0 ? null : sections[searcher.Doc(top[0].Doc).GetField(OrdinalField).GetInt32Value()!.Value];
    }

    public void Dispose()
    {
        reader.Dispose();
        analyzer.Dispose();
        directory.Dispose();
    }
}
