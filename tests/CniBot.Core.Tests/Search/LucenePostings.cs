using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace CniBot.Tests.Search;

/// <summary>Lucene's own postings, read the plain way: the oracle the search's faster structures are held to.</summary>
internal static class LucenePostings
{
    /// <summary>Whether any document in [<paramref name="start"/>, <paramref name="end"/>) has the term in the field.</summary>
    public static bool AnyInRange(IndexReader reader, string field, string term, int start, int end)
    {
        foreach (var leaf in reader.Leaves)
        {
            var leafEnd = leaf.DocBase + leaf.Reader.MaxDoc;
            if (leafEnd <= start || leaf.DocBase >= end)
            {
                continue;
            }

            var docs = leaf.AtomicReader.GetTermDocsEnum(new Term(field, new BytesRef(term)));
            if (docs is null)
            {
                continue;
            }

            var found = docs.Advance(Math.Max(0, start - leaf.DocBase));
            if (found != DocIdSetIterator.NO_MORE_DOCS && found + leaf.DocBase < end)
            {
                return true;
            }
        }

        return false;
    }
}
