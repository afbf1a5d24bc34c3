namespace MultiCloud.Engine.Planning
{
    /// <summary>The errors the planner raises; all are the caller's input, so all are InvalidArgument.</summary>
    internal static class PlanErrors
    {
        /// <summary>Spec or state that validation should have refused and that no plan can reach.</summary>
        public static MultiCloudException InvalidInput(string target, string message) =>
            new MultiCloudException(ErrorIds.PlanInputInvalid, ErrorKind.InvalidArgument, message) { Target = target };

        /// <summary>A field that cannot change on a live cluster; the message says what to do instead.</summary>
        public static MultiCloudException Immutable(string target, string what, string field, string? was, string? now, string instead) =>
            new MultiCloudException(ErrorIds.ImmutableFieldChanged, ErrorKind.InvalidArgument,
                $"{what}: {field} cannot change (was {Show(was)}, now {Show(now)}); {instead}") { Target = target };

        private static string Show(string? value) => value is null ? "not set" : "'" + value + "'";
    }
}
