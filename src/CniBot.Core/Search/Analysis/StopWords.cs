using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace CniBot.Search.Analysis;

/// <summary>
/// Words that carry no topic: Lucene's English stop set, the words questions are built from (what, how, 怎么,
/// 如何), and Chinese function words. Removing them keeps "How do I bake bread?" from looking like a question
/// about CNI, which matters for the answer/no-answer decision.
/// </summary>
internal static class StopWords
{
    private static readonly string[] QuestionWords =
    [
        "what", "which", "how", "why", "when", "where", "who", "whom", "whose", "should", "shall", "do", "does", "did",
        "doing", "done", "can", "could", "would", "may", "might", "must", "i", "me", "my", "we", "our", "us", "you", "your",
        "he", "she", "him", "her", "its", "am", "been", "being", "have", "has", "had", "from", "about", "so", "than", "too",
        "very", "any", "some", "all", "here", "please", "tell", "explain", "know", "want", "need", "get", "got", "give",
        "vs", "versus", "between", "also", "just", "one", "ok", "okay", "hi", "hello", "thanks", "thank", "use", "used",
        "using", "over", "via", "under",
        // Latin abbreviations, kept whole by the tokenizer ("i.e", "e.g"): their inner dot would otherwise make them look
        // as specific as a config key and tie a question to any section that gives an example.
        "i.e", "e.g", "a.k.a", "aka", "viz",
        // What is left of a pasted URL once the analyzer cuts it.
        "http", "https", "www",
        // What is left of English contractions and possessives once the apostrophe splits them (company's, don't).
        "s", "t", "d", "ll", "m", "re", "ve",
        // ... and of the negated auxiliaries (doesn't, isn't, can't): the negation says how a question is put, not what
        // it is about, yet "doesn" is rare enough in the knowledge to outweigh a plugin's name.
        "doesn", "don", "didn", "isn", "aren", "wasn", "weren", "hasn", "haven", "hadn", "couldn", "shouldn", "wouldn",
        "won", "mustn", "needn", "ain",
    ];

    private static readonly string[] ChineseFunctionWords =
    [
        "的", "了", "是", "在", "和", "与", "及", "或", "也", "都", "就", "而", "吗", "呢", "吧", "啊", "呀", "么", "着",
        "怎么", "怎样", "怎么样", "怎么办", "怎么回事", "咋", "咋办", "啥", "为啥", "为", "如何", "什么", "哪个", "哪些", "哪", "为什么", "为何", "是否", "可以", "能", "能否",
        "应该", "应当", "一个", "这个", "那个", "这", "那", "这些", "那些", "我", "我们", "你", "你们", "他", "她", "它",
        "他们", "有", "没有", "没", "不", "很", "需要", "请问", "请", "多少", "一下", "要", "会", "让", "把", "被", "从", "对", "给", "用", "还", "又",
    ];

    public static CharArraySet Set { get; } = Build();

    private static CharArraySet Build()
    {
        var set = new CharArraySet(LuceneVersion.LUCENE_48, StopAnalyzer.ENGLISH_STOP_WORDS_SET, ignoreCase: true);
        foreach (var word in QuestionWords.Concat(ChineseFunctionWords))
        {
            set.Add(word);
        }

        return set.AsReadOnly();
    }
}
