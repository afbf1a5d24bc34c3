using System.Collections.Generic;
using System.Linq;

namespace MultiCloud.Engine.Planning
{
    /// <summary>Small constructors that keep the task builders to what differs between tasks.</summary>
    internal static class PlanParts
    {
        public static PlanStep Step(string name, StepKind kind, string description, IEnumerable<string> targets) =>
            new PlanStep { Name = name, Kind = kind, Description = description, Targets = targets.ToList() };

        public static IReadOnlyList<TaskTarget> Nodes(IEnumerable<string> names) =>
            names.Select(n => new TaskTarget(TargetKind.Node, n)).ToList();

        public static IReadOnlyList<TaskTarget> One(TargetKind kind, string name) => new[] { new TaskTarget(kind, name) };

        public static IReadOnlyDictionary<string, string> Records(string key, string value) =>
            new Dictionary<string, string> { [key] = value };

        public static IReadOnlyDictionary<string, string> NoRecords { get; } = new Dictionary<string, string>();
    }
}
