using System.Reflection;

namespace CniBot.Search.Analysis;

/// <summary>
/// Tells everyday Chinese words (原因, 必须, 部署, 使用, 访问) from the terms of the trade (路由, 网段, 封装, 端口) by their
/// frequency in SmartCn's general-language dictionary (built from newspaper text): a word frequent there says how a
/// question is phrased, not what it is about. The knowledge base is too small to tell them apart by its own
/// statistics: 部署 is as rare in it as 网段.
/// </summary>
/// <remarks>
/// DEVIATION(analysis): SmartCn keeps its WordDictionary internal; its frequencies are read through reflection, for the
/// Lucene.Net version pinned in Directory.Packages.props. Should the type move, <see cref="Available"/> turns false,
/// no word counts as everyday, and a test fails.
/// </remarks>
internal static class EverydayChinese
{
    /// <summary>Occurrences in the dictionary's corpus above which a word is everyday language.</summary>
    internal const int EverydayFrequency = 200;

    private static readonly Func<char[], int>? Frequency = Load();

    public static bool Available => Frequency is not null;

    public static bool IsEveryday(string word)
    {
        if (Frequency is null || word.Length < 2)
        {
            return false;
        }

        foreach (var c in word)
        {
            if (!CharClasses.IsHan(c))
            {
                return false;
            }
        }

        return Frequency(word.ToCharArray()) >= EverydayFrequency;
    }

    private static Func<char[], int>? Load()
    {
        try
        {
            var dictionary = typeof(Lucene.Net.Analysis.Cn.Smart.SmartChineseAnalyzer).Assembly.GetType("Lucene.Net.Analysis.Cn.Smart.Hhmm.WordDictionary");
            var instance = dictionary?.GetMethod("GetInstance", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)?.Invoke(null, null);
            var frequency = dictionary?.GetMethod("GetFrequency", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, [typeof(char[])]);
            if (instance is null || frequency is null || frequency.ReturnType != typeof(int))
            {
                return null;
            }

            return frequency.CreateDelegate<Func<char[], int>>(instance);
        }
        catch (Exception e) when (e is TargetInvocationException or ArgumentException or MemberAccessException)
        {
            return null;
        }
    }
}
