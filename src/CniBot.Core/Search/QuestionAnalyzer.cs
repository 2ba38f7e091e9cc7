using System.Globalization;
using System.Text.RegularExpressions;
using CniBot.Knowledge;
using CniBot.Loading;
using CniBot.Search.Analysis;
using Lucene.Net.Analysis;

namespace CniBot.Search;

/// <summary>
/// One thing a question asks about: a glossary concept (<see cref="Concept"/> is its group) or a word (its analyzed
/// <see cref="Term"/>, the stem where there is one). <see cref="Salience"/> is how much it says about what the
/// asker wants: words of the opening line and named subjects count more, narrative ("we followed the docs",
/// "请问") and pasted noise less or not at all.
/// </summary>
/// <param name="InEnglish">Written inside a run of English (a sentence or a pasted log line) of a Chinese question.</param>
/// <param name="InCode">Written only inside fenced code (a pasted config, command or log between <c>```</c> lines) or on a pasted shell command line.</param>
/// <param name="InTitle">Written in the question's title, the first line above a body (<see cref="QuestionAnalyzer.TitleEnd"/>).</param>
internal sealed record QueryUnit(string Text, int Concept, string Term, double Salience, bool Specific, bool Opening = false, string? Written = null, bool InEnglish = false, bool InCode = false, bool InTitle = false)
{
    public bool IsConcept => Concept >= 0;
}

/// <summary>
/// A question cut into units, with the sections whose known messages it quotes and the names of neighbouring fields
/// its opening asks about (<see cref="GlossaryGroup.Outside"/>, as written, lower-cased).
/// </summary>
/// <param name="OutsideInBody">The question names a neighbouring field below its opening and none in it, and its
/// opening names no subject the documents declare ("Why are no alerts fired?" over a Prometheus rule): that field is
/// what it asks about (<see cref="SectionRanker.Confidence"/>).</param>
/// <param name="NearConcepts">The concepts that the neighbouring fields named in the opening list as their own
/// vocabulary (<see cref="GlossaryGroup.Near"/>).</param>
/// <param name="OutsideInTitle">The question has a title and the title names a neighbouring field: the title is then
/// what it asks about, and only the title can tie it to a section (<see cref="SectionRanker.Confidence"/>).</param>
internal sealed record AnalyzedQuestion(string Text, Language Language, IReadOnlyList<QueryUnit> Units, IReadOnlyList<int> MessageSections, IReadOnlyList<string>? OutsideTerms = null, bool OutsideInBody = false, IReadOnlySet<int>? NearConcepts = null, bool OutsideInTitle = false)
{
    /// <summary>Whether the opening asks about a neighbouring field CniBot does not answer about.</summary>
    public bool AsksOutside => OutsideTerms is { Count: > 0 };

    /// <summary>Whether a unit is (part of) one of those names, or a concept of their everyday vocabulary: it says what
    /// the question is about, not that the knowledge can answer it.</summary>
    public bool IsOutsideTerm(QueryUnit unit) =>
        (OutsideTerms is { Count: > 0 } names && names.Any(n => n.Contains(unit.Text, StringComparison.OrdinalIgnoreCase)))
        || (unit.IsConcept && NearConcepts?.Contains(unit.Concept) == true);
}

/// <summary>
/// Turns a question into <see cref="QueryUnit"/>s. Glossary terms become one concept each, whatever synonym or
/// language the asker used; the remaining words stay words. What identifies the problem is kept whole (plugin and
/// cloud names, modes, numbers, config keys, commands, error strings); machine noise that identifies nothing (IP
/// addresses, hashes, generated pod names, timestamps) and the narrative around the question are dropped or damped.
/// </summary>
internal sealed partial class QuestionAnalyzer
{
    /// <summary>The opening of a question (its title, as people ask) weighs more than the story that follows.</summary>
    internal const int OpeningLength = 160;

    private const double OpeningSalience = 1.0;

    /// <summary>
    /// A title above a body names the problem in the asker's shortest words; its words weigh a little more than the
    /// rest of the opening (1.15 to 1.3 measured alike on the real questions; 2.0 let off-topic titles through).
    /// </summary>
    private const double TitleSalience = 1.2;

    private const int MaxTitleLength = 120;

    private const int MinBodyLength = 40;

    private const double BodySalience = 0.75;

    /// <summary>
    /// The share of its salience a word keeps when the body shows it only in pasted code (a manifest, a config, a
    /// log between <c>```</c> lines): the keys and values of the asker's setup (<c>targetPort</c>, <c>selector</c>)
    /// say less about what is asked than the words the asker chose. Still above the focus's floor: a key can be the
    /// point. 0.5 to 0.8 measured on the real questions: 0.7 ranks best, held-out set unchanged.
    /// </summary>
    private const double CodeShare = 0.7;

    /// <summary>
    /// This many Latin-script words in a row, with no Chinese between them, make a run of English inside a Chinese
    /// question: a sentence ("I'm sorry, please forgive my poor English") or a pasted log line.
    /// </summary>
    internal const int EnglishRunLength = 4;

    /// <summary>Words people wrap questions in; searched, but barely counted.</summary>
    private const double NarrativeSalience = 0.25;

    /// <summary>The share of its salience a release number keeps (see <see cref="IsVersion"/>).</summary>
    private const double VersionShare = 0.3;

    private static readonly HashSet<string> Narrative = new(StringComparer.Ordinal)
    {
        // English: greetings, thanks, the issue template, and the story of trying.
        "hi", "hey", "hello", "thank", "thanks", "appreciate", "appreciated", "advance", "help", "helps", "anyone", "anybody",
        "someone", "somebody", "everyone", "guy", "guys", "team", "folks", "issue", "problem", "question", "try", "tried",
        "trying", "follow", "followed", "following", "doc", "docs", "documentation", "guide", "seem", "seems", "seemed",
        "expect", "expected", "behavior", "behaviour", "current", "step", "steps", "reproduce", "environment",
        "context", "possible", "solution", "bug", "report", "describe", "description", "idea", "ideas", "still",
        "really", "actually", "already", "basically", "simply", "now", "however", "thing", "things", "stuff", "lot",
        "like", "think", "wonder", "wondering", "sure", "understand", "look", "looks", "looking", "find", "found",
        "see", "saw", "seeing", "make", "made", "go", "going", "come", "comes", "able", "unable", "anything",
        "something", "nothing", "everything", "time", "times", "way", "right", "wrong", "fine", "ok", "okay", "well",
        "yes", "no", "kind", "bit", "little", "much", "many", "maybe", "perhaps", "probably", "currently", "info",
        "information", "additional", "summary", "detail", "details",
        // Chinese: greetings, asking for help, the story of trying.
        "你好", "大家好", "大佬", "各位", "求助", "请教", "谢谢", "感谢", "麻烦", "帮忙", "帮助", "问题", "情况", "现象", "发现",
        "出现", "尝试", "试过", "按照", "文档", "一直", "目前", "现在", "然后", "但是", "还是", "已经", "结果", "感觉", "好像",
        "貌似", "不知道", "知道", "大概", "具体", "之后", "之前", "时候", "这样", "那样", "这里", "那里", "东西", "办法", "解决",
    };

    private readonly Analyzer analyzer;
    private readonly GlossaryMatcher glossary;
    private readonly KnownMessages messages;
    private readonly IReadOnlySet<string> knownAddresses;
    private readonly GlossaryMatcher? outside;
    private readonly SubjectMatcher? subjects;

    /// <param name="knownAddresses">The IP addresses the knowledge itself names (<see cref="AddressesIn"/>): in a
    /// question they are not noise but the most specific thing it says.</param>
    /// <param name="outside">Finds the names of neighbouring fields (a matcher of the glossary's outside groups).</param>
    /// <param name="subjects">Finds the subjects the documents declare, which keep an opening about the knowledge
    /// although the body names a neighbouring field.</param>
    public QuestionAnalyzer(Analyzer queryAnalyzer, GlossaryMatcher glossary, KnownMessages messages, IReadOnlySet<string>? knownAddresses = null, GlossaryMatcher? outside = null, SubjectMatcher? subjects = null)
    {
        this.outside = outside;
        this.subjects = subjects;
        this.knownAddresses = knownAddresses ?? new HashSet<string>();
        analyzer = queryAnalyzer;
        this.glossary = glossary;
        this.messages = messages;
    }

    /// <summary>
    /// The analyzer the search uses on <paramref name="knowledge"/>: its known messages, the addresses it names and
    /// the glossary's neighbouring fields, with <paramref name="glossary"/> (the synonyms) and <paramref name="subjects"/>
    /// (the documents' declared subjects) built by the caller, who also indexes and ranks with them.
    /// </summary>
    public static QuestionAnalyzer For(KnowledgeBase knowledge, Analyzer queryAnalyzer, GlossaryMatcher glossary, SubjectMatcher subjects) =>
        new(queryAnalyzer, glossary, new KnownMessages(knowledge.Sections), AddressesIn(knowledge.Sections),
            new GlossaryMatcher(knowledge.Glossary, term => TextTokens.Of(queryAnalyzer, term), outside: true), subjects);

    public IReadOnlyList<QuestionToken> Tokenize(string text) => TextTokens.Of(analyzer, text);

    public AnalyzedQuestion Analyze(string question)
    {
        var language = LanguageExtensions.Detect(question);
        var tokens = Tokenize(question);
        var covered = new bool[tokens.Count];
        var inEnglish = language == Language.Zh ? EnglishRuns(question, tokens) : new bool[tokens.Count];
        var noise = NoiseChunks(question);
        var boilerplate = Boilerplate(question);
        var code = FencedCode(question);
        var titleEnd = TitleEnd(question);
        var units = new Dictionary<string, QueryUnit>(StringComparer.Ordinal);

        foreach (var match in glossary.Matches(question, tokens))
        {
            for (var i = match.Start; i < match.End; i++)
            {
                covered[i] = true;
            }

            var text = question[tokens[match.Start].Start..tokens[match.End - 1].End];
            Add(units, new QueryUnit(text, match.Group, IndexFields.Concept(match.Group), Salience(tokens[match.Start].Start, narrative: false, titleEnd), Specific: false, tokens[match.Start].Start < OpeningLength, InTitle: tokens[match.Start].Start < titleEnd));
        }

        for (var i = 0; i < tokens.Count; i++)
        {
            if (covered[i])
            {
                continue;
            }

            var token = tokens[i];
            var text = question[token.Start..token.End];
            if ((noise[token.Start] || IsNoise(text)) && !knownAddresses.Contains(text))
            {
                continue;
            }

            // The stem (the last form) matches every inflection in the index; the form as written is kept for words
            // the knowledge writes in capitals and so never stems ("ipvs" asked, "IPVS" written: see QueryBuilder).
            var term = token.Forms[^1];
            var narrative = boilerplate[token.Start] || token.AnyFormIn(Narrative);
            var version = IsVersion(text);
            var salience = Salience(token.Start, narrative, titleEnd) * (code[token.Start] && token.Start >= OpeningLength ? CodeShare : 1) * (version ? VersionShare : 1);
            Add(units, new QueryUnit(text, -1, term, salience, MixedScriptTokenizer.IsSpecific(text) && !IsYear(text) && !version, token.Start < OpeningLength && !narrative, token.Forms.Length > 1 ? token.Forms[0] : null, inEnglish[i], code[token.Start], token.Start < titleEnd));
        }

        var outsideMatches = outside?.Matches(question, tokens).ToList();
        var inOpening = outsideMatches?.Where(m => tokens[m.Start].Start < OpeningLength).ToList();
        var outsideTerms = inOpening?
            .Select(m => question[tokens[m.Start].Start..tokens[m.End - 1].End].ToLowerInvariant())
            .ToArray();
        var nearConcepts = inOpening is { Count: > 0 } ? inOpening.SelectMany(m => outside!.Glossary.NearGroups(m.Group)).ToHashSet() : null;
        var openingNamesASubject = subjects is not null && subjects.Find(question[..Math.Min(OpeningLength, question.Length)]).Any(w => w != 0);
        var inBody = outsideMatches is { Count: > 0 } && outsideTerms is { Length: 0 } && !openingNamesASubject;
        var inTitle = inOpening is not null && inOpening.Any(m => tokens[m.Start].Start < titleEnd);
        return new AnalyzedQuestion(question, language, [.. units.Values], messages.Find(question), outsideTerms, inBody, nearConcepts, inTitle);
    }

    /// <summary>
    /// The IPv4 addresses that sections name: 169.254.20.10 (NodeLocal DNSCache), 127.0.0.53 (systemd-resolved),
    /// 100.100.2.136 (Alibaba Cloud's resolvers), 10.0.2.15 (VirtualBox NAT). An address pasted into a question is
    /// usually the asker's own and means nothing to the knowledge, so addresses are dropped as noise, except these:
    /// a question that quotes one is very likely about the section that explains it.
    /// </summary>
    internal static HashSet<string> AddressesIn(IEnumerable<KnowledgeSection> sections)
    {
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            foreach (Match match in Address().Matches(section.Heading + "\n" + section.PlainText))
            {
                // Not the addresses every host has or every route table and netmask prints: 0.0.0.0, 127.0.0.1,
                // 255.255.255.0.
                if (match.Value is not "127.0.0.1" && !match.Value.StartsWith("0.", StringComparison.Ordinal) && !match.Value.StartsWith("255.", StringComparison.Ordinal))
                {
                    addresses.Add(match.Value);
                }
            }
        }

        return addresses;
    }

    [GeneratedRegex(@"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w/]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    /// <summary>
    /// A release number (<c>1.21</c>, <c>v1.22.4</c>, <c>0.9.0</c>, <c>3.13.4</c>, <c>v1.30.2+rke2r1</c>): what the asker
    /// runs, pasted by every bug-report template, rarely what is asked; a section that happens to name the same
    /// release is no closer to the answer for it.
    /// </summary>
    internal static bool IsVersion(string text) => ReleaseNumber().IsMatch(text);

    [GeneratedRegex(@"^[vV]?[0-9]{1,4}\.[0-9]{1,3}(?:\.[0-9]{1,4})?(?:[-+][0-9A-Za-z.+-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseNumber();

    /// <summary>
    /// A year (2022) says when, not what: it is searched like a word but, unlike a port or an MTU, is nothing specific
    /// that ties a section to the question.
    /// </summary>
    internal static bool IsYear(string text) =>
        text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1990 and < 2100;

    /// <summary>
    /// Machine output that names nothing a knowledge base explains: IP addresses (with a port), MAC addresses,
    /// hashes and container ids, generated object names (<c>coredns-5d78c9869d-x2x9q</c>), timestamps and
    /// durations. CIDRs stay: <c>10.244.0.0/16</c> is a configuration value.
    /// </summary>
    internal static bool IsNoise(string token)
    {
        var digits = 0;
        var hex = 0;
        var dots = 0;
        var colons = 0;
        foreach (var c in token)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
            hex += char.IsAsciiHexDigit(c) ? 1 : 0;
            dots += c == '.' ? 1 : 0;
            colons += c == ':' ? 1 : 0;
        }

        // A letter on its own is a list marker, a variable or what is left of "v 1.22" and "X:boringcrypto": it names
        // nothing.
        if (token.Length == 1 && char.IsAsciiLetter(token[0]))
        {
            return true;
        }

        // A pod named by its DaemonSet or Job: kube-flannel-ds-dz6hs, name-sdwjg (five characters of the alphabet
        // Kubernetes draws generated name suffixes from, which has no vowels).
        if (GeneratedSuffix().IsMatch(token))
        {
            return true;
        }

        if (digits == 0)
        {
            return false;
        }

        // 192.168.1.10, 192.168.1.10:6443, and tcpdump's or ss's 192.168.1.10.6443 (not 10.244.0.0/16)
        if (dots is 3 or 4 && !token.Contains('/', StringComparison.Ordinal) && token.All(c => char.IsAsciiDigit(c) || c is '.' or ':'))
        {
            return true;
        }

        // MAC and IPv6 addresses, times: 0a:1b:aa:f3:64:00, fe80::1, 12:34:56
        if (colons >= 2 && hex + colons + dots == token.Length)
        {
            return true;
        }

        // Hashes and ids: a run of 8 or more hex characters with digits in it.
        if (token.Length >= 8 && hex == token.Length)
        {
            return true;
        }

        // Generated names end in a hash part: name-5d78c9869d-x2x9q, cali08d091557e9.
        var lastDash = token.LastIndexOf('-');
        var tail = lastDash >= 0 ? token[(lastDash + 1)..] : token;
        if (tail.Length >= 5 && tail.Any(char.IsAsciiDigit) && tail.Any(char.IsAsciiLetter) && !tail.Any(char.IsUpper) && CountHexRun(token) >= 7)
        {
            return true;
        }

        // kubectl's READY column (0/1, 2/2) and AGE column (3h, 2d, 2d12h): a state, not a subject.
        if (ReadyOrAge().IsMatch(token))
        {
            return true;
        }

        // EC2 host names made of the private address: ip-172-31-12-123, ip-10-0-1-5.ec2.internal.
        if (Ec2HostName().IsMatch(token))
        {
            return true;
        }

        // The asker's machines named by role and number: node1, k8s-node01, master-2, slave1, worker03, vm-16-12-ubuntu.
        if (NumberedHostName().IsMatch(token))
        {
            return true;
        }

        // Dates and durations: 2024-05-12, 2024/05/12, 2020-05-12T05:08:50.123Z, 3m39s (not 1460(1500-40) or 30s).
        return DateOrDuration().IsMatch(token) && (token.Length >= 5 || token.Contains('-', StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^(\d{4}([-/])\d{2}\2\d{2}([T_ ]?\d{2}:\d{2}(:\d{2})?([.,]\d+)?(Z|[+-]\d{2}:?\d{2})?)?|(\d+h)?(\d+m)?\d+(\.\d+)?(s|ms)|\d+h\d+m)$", RegexOptions.CultureInvariant)]
    private static partial Regex DateOrDuration();

    [GeneratedRegex(@"(?<![\w.])([IWEF]\d{4}\s+\d{2}:\d{2}:\d{2}(?:\.\d+)?\s+\d+)\b|(?<=[A-Za-z]\[)(\d{1,7})(?=\])|(?<=\w\.(?:go|py|c|cc|cpp|h|rs|java|js|ts|rb|sh):)(\d{1,6})\b|(?<![\w-])(Warning|Normal)(?=(?: {2,}|\t)[A-Z][a-z]|[ \t][A-Z][a-z]+[A-Z][A-Za-z]*\b)", RegexOptions.CultureInvariant)]
    private static partial Regex LogPositions();

    [GeneratedRegex(@"^\d{1,3}/\d{1,3}$|^\d+d(\d+h)?$|^\d+h$", RegexOptions.CultureInvariant)]
    private static partial Regex ReadyOrAge();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*-[bcdfghjklmnpqrstvwxz2456789]{5}$", RegexOptions.CultureInvariant)]
    private static partial Regex GeneratedSuffix();

    [GeneratedRegex(@"^ip-\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}(\.[a-z0-9.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Ec2HostName();

    [GeneratedRegex(@"^(?:(?:k8s|kube|k3s)[-_]?)?(?:node|master|slave|worker|minion|agent|server|host|vm)[-_]?\d{1,3}$|^vm-\d{1,3}-\d{1,3}-[a-z]+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NumberedHostName();

    /// <summary>
    /// Marks the characters of the question's machine noise as written: the analyzer cuts <c>05:15:12</c>,
    /// <c>fe80::1</c> or <c>2020-05-12T05:08:50</c> into numbers that mean nothing apart, so <see cref="IsNoise"/> is
    /// asked about each whitespace-separated chunk (without the table borders and punctuation around it) before that.
    /// </summary>
    internal static bool[] NoiseChunks(string question)
    {
        var marks = new bool[question.Length + 1];
        var start = 0;
        for (var i = 0; i <= question.Length; i++)
        {
            if (i < question.Length && !IsChunkBoundary(question[i]))
            {
                continue;
            }

            var (from, to) = (start, i);
            while (from < to && question[from] is '(' or '[' or '"' or '\'' or '<')
            {
                from++;
            }

            while (to > from && question[to - 1] is ')' or ']' or '"' or '\'' or '>' or ',' or ';' or '.' or ':')
            {
                to--;
            }

            if (to - from >= 2 && IsNoise(question[from..to]))
            {
                Array.Fill(marks, true, from, to - from);
            }

            start = i + 1;
        }

        // Positions inside a log line's prefix: the thread id of a klog header (I0512 05:08:50.991234   19445), a
        // process id in a syslog tag (flanneld[19445]:), the line number of a source position (main.go:118) and the
        // type column of a Kubernetes event (Warning  FailedCreatePodSandBox, Normal  Scheduled: a column apart or
        // before a reason in CamelCase), whose reason says what happened.
        MarkGroups(LogPositions(), question, marks);
        return marks;

        static bool IsChunkBoundary(char c) => char.IsWhiteSpace(c) || c is '|' or '，' or '。' or '；' or '（' or '）' || CharClasses.IsHan(c);
    }

    /// <summary>
    /// Marks the words every paste of a well-known command's output carries whatever is wrong (ping's statistics,
    /// the column headers of <c>iptables -L</c>, the address lines of <c>ip addr</c>, a shell prompt with its user and
    /// host, the host name, build and architecture of <c>uname -a</c>, the build suffix of <c>k3s version</c> or
    /// <c>rke2 version</c> and the Go line under it, which issue templates ask for): they say which command was run,
    /// not what the problem is, and weigh as little as narrative. The values that differ between a healthy and a
    /// broken paste (a policy, an address, a loss rate, a kernel release) are not marked. ping's header states
    /// "bytes of data" within a few dozen characters of its PING, so that look-ahead reads at most 300: unbounded, a
    /// line of thousands of PINGs cost a scan to the line's end for each (quadratic; 2.3 s for 20,000 characters on a
    /// loaded machine).
    /// </summary>
    internal static bool[] Boilerplate(string question)
    {
        var marks = new bool[question.Length + 1];
        MarkGroups(OutputBoilerplate(), question, marks);
        MarkGroups(ReleaseListing(), question, marks);
        return marks;
    }

    /// <summary>
    /// A line that lists what the asker runs, two or more names each followed by its release (<c>helm v3.7.0, kubectl
    /// v1.22.4, cluster k3s v1.22.3+k3s1</c>), as issue templates ask: the names and build suffixes say what is
    /// installed, not what is asked, like <c>k3s version</c>'s output. A release has two or three parts, so the address
    /// lines of <c>ifconfig</c> are not listings.
    /// </summary>
    [GeneratedRegex(@"^[ \t]*(?:[-*][ \t]+)?(?:(?:[A-Za-z][A-Za-z-]*[ \t]+)??([A-Za-z][\w-]*)[ \t]*(?::[ \t]*)?v?\d+(?:\.\d+){1,2}(?![.\d])(\+[\w.-]+)?[ \t]*(?:[,;，][ \t]*)?){2,}$", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex ReleaseListing();

    /// <summary>Marks the characters of every capture of <paramref name="pattern"/>'s groups (not the whole match).</summary>
    private static void MarkGroups(Regex pattern, string question, bool[] marks)
    {
        foreach (Match match in pattern.Matches(question))
        {
            foreach (var group in match.Groups.Cast<Group>().Skip(1).Where(g => g.Success))
            {
                foreach (Capture capture in group.Captures)
                {
                    Array.Fill(marks, true, capture.Index, capture.Length);
                }
            }
        }
    }

    [GeneratedRegex(@"\b(PING)\b(?=[^\n]{0,300}?\bbytes of data)|(?<!\d)(\d+\(\d+\) bytes of data)|\b(bytes from|icmp_seq=\d+|ttl=\d+|time=[\d.]+ ms|\d+ packets transmitted|\d+ received|time \d+ms|rtt min/avg/max/mdev|ping statistics)|^[ \t]*(target\s+prot\s+opt\s+(?:in\s+out\s+)?source\s+destination)[ \t]*$|\b(Chain)\s+\S+\s+\((policy)\s|\b(ctstate|state)\s+RELATED|\b(inet6?)\s+[0-9a-f.:]+/\d+|\b(scope\s+(?:global|link|host))\b|\b(valid_lft|preferred_lft|forever|qdisc|noqueue|qlen \d+|link/ether|brd)\b|(\[[\w.-]+@[\w.-]+\s[^\]\n]*\][$#])|\bLinux\s+(\S+)\s+\S+\s+(#\d[^\n]*?)\s+((?:x86_64|aarch64|arm64|armv7l|ppc64le|s390x)(?:\s+(?:x86_64|aarch64|arm64|armv7l|ppc64le|s390x|unknown)){0,2})\s+(GNU/Linux)[ \t]*$|\b(?:k3s|rke2)\s+version\s+v[\d.]+(\+(?:k3s|rke2)r?\d+)|^[ \t]*(go\s+version\s+go[\d.]+(?:\s+X:\S+)?)", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex OutputBoilerplate();

    private static int CountHexRun(string token)
    {
        int best = 0, run = 0;
        foreach (var c in token)
        {
            run = char.IsAsciiHexDigit(c) ? run + 1 : 0;
            best = Math.Max(best, run);
        }

        return best;
    }

    private static double Salience(int offset, bool narrative, int titleEnd) =>
        narrative ? NarrativeSalience : offset < titleEnd ? TitleSalience : offset < OpeningLength ? OpeningSalience : BodySalience;

    /// <summary>
    /// The end of the question's title: its first line, when a body follows as in an issue tracker or a forum post
    /// ("Can't set MTU on Flannel." above four lines of story); 0 when there is none.
    /// </summary>
    internal static int TitleEnd(string question)
    {
        var end = question.IndexOf('\n', StringComparison.Ordinal);
        return end > 0 && end <= MaxTitleLength && question.Length - end >= MinBodyLength ? end : 0;
    }

    /// <summary>
    /// Marks the tokens that belong to a run of at least <see cref="EnglishRunLength"/> Latin-script tokens with no
    /// Chinese character between them.
    /// </summary>
    internal static bool[] EnglishRuns(string question, IReadOnlyList<QuestionToken> tokens)
    {
        var marks = new bool[tokens.Count];
        var runStart = 0;
        for (var i = 0; i <= tokens.Count; i++)
        {
            var continues = i < tokens.Count && IsLatin(question, tokens[i])
                && (i == runStart || !HasHan(question, tokens[i - 1].End, tokens[i].Start));
            if (continues)
            {
                continue;
            }

            if (i - runStart >= EnglishRunLength)
            {
                Array.Fill(marks, true, runStart, i - runStart);
            }

            runStart = i < tokens.Count && IsLatin(question, tokens[i]) ? i : i + 1;
        }

        return marks;

        static bool IsLatin(string text, QuestionToken token)
        {
            var letters = false;
            for (var c = token.Start; c < token.End; c++)
            {
                if (CharClasses.IsHan(text[c]))
                {
                    return false;
                }

                letters |= char.IsAsciiLetter(text[c]);
            }

            return letters;
        }

        static bool HasHan(string text, int from, int to)
        {
            for (var c = from; c < to; c++)
            {
                if (CharClasses.IsHan(text[c]))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Marks shell commands pasted without a fence: a line that starts (after a prompt) with a command-line tool
    /// (<c>az</c>, <c>kubectl</c>, <c>aws</c>, <c>ip</c>, ...), carries two or more <c>--options</c>, or continues
    /// one that ended in a backslash; and the lines of <c>kubectl version</c>'s output. Their arguments and fields
    /// (resource names, shell variables, file names, GitVersion) are the asker's setup, like the text of a fenced block.
    /// </summary>
    internal static bool[] CommandLines(string question)
    {
        var marks = new bool[question.Length + 1];
        var continued = false;
        var start = 0;
        while (start <= question.Length)
        {
            var end = question.IndexOf('\n', start);
            end = end < 0 ? question.Length : end;
            var line = question.AsSpan(start, end - start).TrimEnd('\r');
            var command = continued || CommandStart().IsMatch(line) || LongOption().Count(line) >= 2 || VersionOutput().IsMatch(line);
            if (command)
            {
                Array.Fill(marks, true, start, end - start);
            }

            continued = command && line.TrimEnd().EndsWith('\\');
            start = end + 1;
        }

        return marks;
    }

    [GeneratedRegex(@"^\s*(?:\[[^\]\n]{1,60}\][#$]\s*|[$#>]\s+)?(?:sudo\s+)?(?:az|aws|gcloud|aliyun|kubectl|kubeadm|helm|calicoctl|cilium|hubble|antctl|ip|iptables|ip6tables|ipvsadm|nft|ethtool|tcpdump|curl|ping|tracepath|traceroute|nslookup|dig|sysctl|systemctl|journalctl|docker|crictl|ctr|sealos|k3s|kops|eksctl|terraform|modprobe|conntrack|ss|netstat)\s", RegexOptions.CultureInvariant)]
    private static partial Regex CommandStart();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]+", RegexOptions.CultureInvariant)]
    private static partial Regex LongOption();

    /// <summary>
    /// What <c>kubectl version</c> prints, pasted by every bug-report template (<c>Client Version:
    /// version.Info{Major:"1", GitVersion:..., GoVersion:..., Platform:"linux/amd64"}</c>, <c>Kustomize Version:</c>):
    /// its field names read like product names the knowledge has never heard of.
    /// </summary>
    [GeneratedRegex(@"version\.Info\{|^\s*(?:Client|Server|Kustomize) Version:", RegexOptions.CultureInvariant)]
    private static partial Regex VersionOutput();

    /// <summary>
    /// Marks the characters between markdown code fences (a line starting with <c>```</c> opens a block, the next one
    /// closes it; an unclosed block runs to the end, as chat clients show it).
    /// </summary>
    internal static bool[] FencedCode(string question)
    {
        var marks = CommandLines(question);
        var open = -1;
        for (var at = question.IndexOf("```", StringComparison.Ordinal); at >= 0; at = question.IndexOf("```", at + 3, StringComparison.Ordinal))
        {
            if (open < 0)
            {
                open = at + 3;
            }
            else
            {
                Array.Fill(marks, true, open, at - open);
                open = -1;
            }
        }

        if (open >= 0)
        {
            Array.Fill(marks, true, open, question.Length - open);
        }

        return marks;
    }

    /// <summary>
    /// A unit said twice counts once, at its most salient; it is written in English, or in code, only if every time
    /// it is.
    /// </summary>
    private static void Add(Dictionary<string, QueryUnit> units, QueryUnit unit)
    {
        if (!units.TryGetValue(unit.Term, out var existing))
        {
            units[unit.Term] = unit;
            return;
        }

        var (inEnglish, inCode, inTitle) = (existing.InEnglish && unit.InEnglish, existing.InCode && unit.InCode, existing.InTitle || unit.InTitle);
        units[unit.Term] = existing.Salience < unit.Salience
            ? unit with { Text = existing.Text, InEnglish = inEnglish, InCode = inCode, InTitle = inTitle }
            : existing with { InEnglish = inEnglish, InCode = inCode, InTitle = inTitle };
    }
}
