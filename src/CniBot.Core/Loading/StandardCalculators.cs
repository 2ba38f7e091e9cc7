using CniBot.Advice;
using CniBot.Diagnosis.Calculators;

namespace CniBot.Loading;

/// <summary>
/// The calculators a diagnose flow may name in its result step, registered here, above the folders that define them
/// (Diagnosis.Calculators and Advice), so that neither constructs the other's.
/// </summary>
public static class StandardCalculators
{
    /// <summary>Every calculator, the advisor's over <paramref name="matrix"/>.</summary>
    public static IReadOnlyList<IDiagnosisCalculator> For(PluginMatrix matrix) =>
        [new MtuFlowCalculator(), new QosCalculator(), new MonitoringCalculator(), new CrossRegionCalculator(), new AdvisorCalculator(matrix)];

    /// <summary>The names flows may use (the flow loader checks them).</summary>
    public static IReadOnlyCollection<string> Names { get; } = [.. For(PluginMatrix.Empty).Select(c => c.Name)];
}
