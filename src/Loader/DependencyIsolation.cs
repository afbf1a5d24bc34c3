using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace MultiCloud.Loader
{
    /// <summary>
    /// Loads the engine and everything it depends on (YamlDotNet today; cloud SDKs, SSH.NET, KubernetesClient later)
    /// into the module's own AssemblyLoadContext, so that the module works in a session where another module already
    /// loaded other versions of them (Az.Accounts brings its own Azure.Core), and loading ours breaks nothing there.
    /// The package keeps them in dependencies/, where PowerShell never looks. When an assembly of the module folder
    /// (the cmdlets) asks for one of them, this hands it the isolated copy; the isolated context then loads the
    /// engine's own dependencies from the same folder. Requests from anyone else are never answered with ours.
    /// PowerShell imports this assembly first (NestedModules), because it reads the cmdlet types, which name engine
    /// types, before the cmdlet assembly's own initializer could run.
    /// </summary>
    public sealed class DependencyIsolation : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(DependencyIsolation).Assembly.Location) ?? ".";
        private static readonly string DependencyFolder = Path.Combine(ModuleFolder, "dependencies");
        private static readonly Lazy<IsolatedLoadContext> Context = new Lazy<IsolatedLoadContext>(() => new IsolatedLoadContext(DependencyFolder));
        private static readonly object Gate = new object();
        private static bool _registered;

        public void OnImport()
        {
            lock (Gate)
            {
                // PowerShell may run initializers more than once per import; one handler is enough.
                if (_registered) return;
                AppDomain.CurrentDomain.AssemblyResolve += Resolve;
                _registered = true;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
                _registered = false;
            }
        }

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var requesting = args.RequestingAssembly;
            if (requesting is null || !string.Equals(Path.GetDirectoryName(requesting.Location), ModuleFolder, StringComparison.Ordinal)) return null;
            var name = new AssemblyName(args.Name);
            return File.Exists(Path.Combine(DependencyFolder, name.Name + ".dll")) ? Context.Value.LoadFromAssemblyName(name) : null;
        }
    }

    /// <summary>
    /// Loads an assembly from the dependency folder when it is there; anything else (the runtime, PowerShell) from the
    /// default context. A dependency's platform-specific build (runtimes/&lt;rid&gt;/lib/…, as dotnet publish lays it
    /// out) wins over its portable one on the platform it is for, and native libraries come from runtimes/&lt;rid&gt;/native.
    /// </summary>
    internal sealed class IsolatedLoadContext : AssemblyLoadContext
    {
        private readonly string _folder;

        public IsolatedLoadContext(string folder)
            : base("MultiCloud", isCollectible: false)
        {
            _folder = folder;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var file = assemblyName.Name + ".dll";
            var path = PlatformSpecific("lib", file) ?? Path.Combine(_folder, file);
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            var path = PlatformSpecific("native", unmanagedDllName);
            return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
        }

        // The most specific runtime identifier first, as .NET's own fallback goes (linux-x64, linux, unix).
        private static IEnumerable<string> RuntimeIdentifiers()
        {
            var architecture = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
            var system = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
            yield return system + "-" + architecture;
            yield return system;
            if (system != "win") yield return "unix";
        }

        private string? PlatformSpecific(string kind, string file)
        {
            foreach (var rid in RuntimeIdentifiers())
            {
                var folder = Path.Combine(_folder, "runtimes", rid, kind);
                if (!Directory.Exists(folder)) continue;
                var found = Directory.EnumerateFiles(folder, file, SearchOption.AllDirectories).OrderByDescending(f => f, StringComparer.Ordinal).FirstOrDefault();
                if (found is not null) return found;
            }
            return null;
        }
    }
}
