
namespace CniBot.Diagnosis.Calculators;

/// <summary>
/// Turns a flow's answers into a result. Flows name calculators in their result steps; the set is registered in
/// <c>Loading.StandardCalculators</c>, and a calculator that needs knowledge data is given it when constructed.
/// </summary>
public interface IDiagnosisCalculator
{
    string Name { get; }

    CalculationResult Calculate(IReadOnlyDictionary<string, string> answers, Language language);
}

/// <summary>The MTU calculator behind a flow: answers <c>plugin</c>, <c>mode</c>, <c>family</c> (v4/v6), <c>underlay</c>.</summary>
internal sealed class MtuFlowCalculator : IDiagnosisCalculator
{
    public string Name => "mtu";

    public CalculationResult Calculate(IReadOnlyDictionary<string, string> answers, Language language)
    {
        try
        {
            return MtuCalculator.Calculate(Request(answers), language).Details;
        }
        catch (MtuInputException e)
        {
            return new CalculationResult(language.Pick("That combination cannot be computed", "无法计算这种组合"), [e.Message], [], [string.Join(", ", e.ValidValues)]);
        }
    }

    internal static MtuRequest Request(IReadOnlyDictionary<string, string> answers) => new(
        answers.GetValueOrDefault("plugin", string.Empty),
        answers.GetValueOrDefault("mode", "none"),
        int.TryParse(answers.GetValueOrDefault("underlay"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var mtu) ? mtu : 1500,
        answers.GetValueOrDefault("family") == "v6",
        Path: answers.GetValueOrDefault("path"));
}
