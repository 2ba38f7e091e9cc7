using System.Globalization;
using System.Text.RegularExpressions;
using CniBot.Knowledge;

namespace CniBot.Conversation;

/// <summary>
/// What an answer says about its own age: the releases its document was checked against and when, and a warning when
/// the question names an older release of the same product than the one the knowledge was checked against.
/// </summary>
public static partial class Freshness
{
    /// <summary>"Checked against Calico 3.31 · updated 2026-12", or null when the document says neither.</summary>
    public static string? Checked(KnowledgeDocument? document, Language language)
    {
        if (document is null || (document.AppliesTo.Count == 0 && document.Updated is null))
        {
            return null;
        }

        var parts = new List<string>();
        if (document.AppliesTo.Count > 0)
        {
            parts.Add(language.Pick("Checked against ", "核对版本：") + string.Join(", ", document.AppliesTo));
        }

        if (document.Updated is { } updated)
        {
            parts.Add(language.Pick("updated ", "更新于 ") + updated.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }

        return string.Join(" · ", parts);
    }

    /// <summary>
    /// Per product named in the knowledge's <c>applies_to</c> (a handful), the pattern of that product named with a
    /// version in a question. Parsing it anew for every answer was a sixth of the bot's own work on a cached answer.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Asked = new(StringComparer.Ordinal);

    /// <summary>
    /// A note for each release the document was checked against ("Calico 3.31") whose product the question names with
    /// an older version ("calico v3.7.3"): the answer may not hold for it.
    /// </summary>
    public static IReadOnlyList<string> OlderVersionNotes(string question, KnowledgeDocument? document, Language language)
    {
        ArgumentNullException.ThrowIfNull(question);
        var notes = new List<string>();
        foreach (var release in document?.AppliesTo ?? [])
        {
            var checkedAgainst = Release().Match(release);
            if (!checkedAgainst.Success)
            {
                continue;
            }

            var product = checkedAgainst.Groups["product"].Value.Trim();
            var known = Version(checkedAgainst);
            var asked = Asked.GetOrAdd(product, static p => new Regex(@"\b" + Regex.Escape(p) + @"\b[^0-9\n]{0,16}?v?(?<major>\d+)\.(?<minor>\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)));
            Match match;
            try
            {
                match = asked.Match(question);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (match.Success && Version(match) < known)
            {
                var named = $"{product} {match.Groups["major"].Value}.{match.Groups["minor"].Value}";
                notes.Add(language.Pick(
                    $"You mention {named}; this section was checked against {release}, and older releases may behave differently.",
                    $"你提到的是 {named}；本节核对的是 {release}，旧版本的行为可能不同。"));
            }
        }

        return notes;
    }

    private static System.Version Version(Match match) =>
        new(int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["minor"].Value, CultureInfo.InvariantCulture));

    /// <summary>"Calico 3.31", "AWS VPC CNI 1.19", "k3s v1.31": a product name, then major.minor.</summary>
    [GeneratedRegex(@"^(?<product>[A-Za-z][\w .-]*?)\s+v?(?<major>\d+)\.(?<minor>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Release();
}
