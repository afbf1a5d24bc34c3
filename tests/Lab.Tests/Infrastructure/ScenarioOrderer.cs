using Xunit.Abstractions;
using Xunit.Sdk;

namespace MultiCloud.Lab.Tests.Infrastructure;

/// <summary>The position of a test in a class whose tests build on each other (one cluster evolving step by step).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScenarioAttribute : Attribute
{
    public ScenarioAttribute(int order)
    {
        Order = order;
    }

    public int Order { get; }
}

/// <summary>Runs a class's tests in the order their <see cref="ScenarioAttribute"/> gives.</summary>
public sealed class ScenarioOrderer : ITestCaseOrderer
{
    public const string TypeName = "MultiCloud.Lab.Tests.Infrastructure.ScenarioOrderer";
    public const string AssemblyName = "MultiCloud.Lab.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(test => OrderOf(test)).ThenBy(test => test.TestMethod.Method.Name, StringComparer.Ordinal);

    private static int OrderOf(ITestCase test) =>
        test.TestMethod.Method.GetCustomAttributes(typeof(ScenarioAttribute).AssemblyQualifiedName)
            .Select(attribute => (int)attribute.GetConstructorArguments().First())
            .DefaultIfEmpty(int.MaxValue)
            .First();
}
