using System.Text.RegularExpressions;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>Names that reach a machine's login or environment: POSIX user names and environment variable names.</summary>
    public static class SystemNames
    {
        public const int MaxUserLength = 32;

        public const string UserRule =
            "a POSIX user name: a lowercase letter or '_', then lowercase letters, digits, '_' or '-', optionally ending in '$'; at most 32 characters";

        public const string EnvironmentVariableRule = "an environment variable name: a letter or '_', then letters, digits or '_'";

        // useradd's default NAME_REGEX; the first character cannot be '-', so no user name reads as an ssh option.
        private static readonly Regex UserPattern = new Regex(@"^[a-z_][a-z0-9_-]*[$]?\z", RegexOptions.CultureInvariant);

        private static readonly Regex EnvironmentVariablePattern = new Regex(@"^[A-Za-z_][A-Za-z0-9_]*\z", RegexOptions.CultureInvariant);

        public static bool IsUser(string name) => name.Length <= MaxUserLength && UserPattern.IsMatch(name);

        public static bool IsEnvironmentVariable(string name) => name.Length <= 255 && EnvironmentVariablePattern.IsMatch(name);
    }
}
