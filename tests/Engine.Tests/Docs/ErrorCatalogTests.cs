using System.Reflection;
using Xunit;

namespace MultiCloud.Engine.Tests.Docs
{
    /// <summary>Every error id the engine can raise is described in docs/errors.md.</summary>
    public sealed class ErrorCatalogTests
    {
        [Fact]
        public void ErrorIds_EveryConstant_IsDocumented()
        {
            var catalog = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "errors.md"));
            var ids = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => (string)f.GetRawConstantValue()!);

            var missing = ids.Where(id => !catalog.Contains("`" + id + "`")).ToList();

            Assert.True(missing.Count == 0, "missing from docs/errors.md: " + string.Join(", ", missing));
        }

        private static string RepoRoot()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MultiCloud.slnx")))
                dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }
}
