using CniBot.Knowledge;
using YamlDotNet.RepresentationModel;

namespace CniBot.Evaluation;

/// <summary>
/// Reads a question set: a YAML list of entries with <c>lang</c> (<c>en</c>, <c>zh</c>, <c>mixed</c> or
/// <c>offtopic</c>), <c>question</c>, and for on-topic questions <c>facts</c> (each <c>"a | b"</c> for
/// alternatives) or <c>anchors</c> (English <c>id#anchor</c>s, a trailing <c>*</c> for a prefix); optional
/// <c>id</c>, <c>topic</c>, <c>source</c>, <c>checked</c>, <c>asked_in</c>, <c>note</c>. Problems are reported as
/// <c>path:line: message</c>, like lint's.
/// </summary>
public static class QuestionSetLoader
{
    private static readonly HashSet<string> Keys = ["id", "lang", "question", "facts", "anchors", "topic", "source", "checked", "asked_in", "note"];

    public static IReadOnlyList<EvaluationQuestion> Load(string path, ICollection<KnowledgeDiagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return Parse(File.ReadAllText(path), path, problems);
    }

    public static IReadOnlyList<EvaluationQuestion> Parse(string yaml, string path, ICollection<KnowledgeDiagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var questions = new List<EvaluationQuestion>();
        var root = YamlText.LoadRoot(yaml, 1, path, problems, "the question set");
        if (root is null)
        {
            return questions;
        }

        if (root is not YamlSequenceNode entries)
        {
            problems.Add(new(path, YamlText.LineOf(root, 1), "a question set is a list of entries ('- lang: en ...')"));
            return questions;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var line = YamlText.LineOf(entry, 1);
            if (entry is not YamlMappingNode map)
            {
                problems.Add(new(path, line, "each entry must be a mapping with 'lang' and 'question'"));
                continue;
            }

            if (Read(map, path, line, problems) is { } question)
            {
                if (!ids.Add(question.Id))
                {
                    problems.Add(new(path, line, $"duplicate id '{question.Id}'"));
                    continue;
                }

                questions.Add(question);
            }
        }

        return questions;
    }

    private static EvaluationQuestion? Read(YamlMappingNode map, string path, int line, ICollection<KnowledgeDiagnostic> problems)
    {
        var before = problems.Count;
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !Keys.Contains(name))
            {
                problems.Add(new(path, YamlText.LineOf(key, 1), $"unknown key '{key}' (known: {string.Join(", ", Keys)})"));
            }
        }

        var lang = Scalar(map, "lang");
        QuestionGroup? group = lang switch
        {
            "en" => QuestionGroup.En,
            "zh" => QuestionGroup.Zh,
            "mixed" => QuestionGroup.Mixed,
            "offtopic" => QuestionGroup.OffTopic,
            _ => null,
        };
        if (group is null)
        {
            problems.Add(new(path, line, $"'lang' must be en, zh, mixed or offtopic, not '{lang}'"));
        }

        var text = Scalar(map, "question")?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            problems.Add(new(path, line, "'question' is missing or empty"));
        }

        var facts = List(map, "facts", path, problems).Select(ExpectedFact.Parse).ToArray();
        var anchors = List(map, "anchors", path, problems);
        if (facts.Any(f => f.Alternatives.Count == 0))
        {
            problems.Add(new(path, line, "a fact is empty"));
        }

        if (group == QuestionGroup.OffTopic && (facts.Length > 0 || anchors.Count > 0))
        {
            problems.Add(new(path, line, "an off-topic question expects no answer: leave 'facts' and 'anchors' out"));
        }
        else if (group is not null and not QuestionGroup.OffTopic && facts.Length == 0 && anchors.Count == 0)
        {
            problems.Add(new(path, line, "an on-topic question needs 'facts' or 'anchors'"));
        }

        if (problems.Count > before)
        {
            return null;
        }

        return new EvaluationQuestion(
            Scalar(map, "id") ?? $"line-{line}",
            group!.Value,
            text!,
            facts,
            anchors,
            Scalar(map, "topic"),
            Scalar(map, "source"),
            List(map, "checked", path, problems),
            line);
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private static List<string> List(YamlMappingNode map, string key, string path, ICollection<KnowledgeDiagnostic> problems)
    {
        if (!map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return [];
        }

        switch (node)
        {
            case YamlSequenceNode sequence:
                var items = new List<string>();
                foreach (var item in sequence)
                {
                    if (item is YamlScalarNode { Value: { } value })
                    {
                        items.Add(value);
                    }
                    else
                    {
                        problems.Add(new(path, YamlText.LineOf(item, 1), $"'{key}' must be a list of strings"));
                    }
                }

                return items;
            case YamlScalarNode { Value: { Length: > 0 } single }:
                return [single];
            default:
                return [];
        }
    }
}
