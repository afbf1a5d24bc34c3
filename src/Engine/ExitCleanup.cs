using System;
using System.Collections.Concurrent;
using System.Threading;

namespace MultiCloud.Engine
{
    /// <summary>
    /// Work that must happen even when the process ends without unwinding: a second Ctrl+C or SIGTERM that stops
    /// the console host hard, PowerShell closing with a run in flight. Registered actions (releasing a cluster
    /// lock, deleting a run's temporary files) run on <see cref="AppDomain.ProcessExit"/>, which .NET raises for
    /// Environment.Exit and for SIGTERM's default handling; disposing the registration takes an action back once
    /// its owner has done the work itself.
    /// </summary>
    public static class ExitCleanup
    {
        private static readonly ConcurrentDictionary<long, Action> Actions = new ConcurrentDictionary<long, Action>();
        private static long _next;
        private static int _hooked;

        public static IDisposable Register(Action action)
        {
            if (action is null) throw new ArgumentNullException(nameof(action));
            if (Interlocked.Exchange(ref _hooked, 1) == 0) AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();
            var id = Interlocked.Increment(ref _next);
            Actions[id] = action;
            return new Registration(id);
        }

        /// <summary>Runs and forgets every registered action; each failure is swallowed so the others still run.</summary>
        public static void RunAll()
        {
            foreach (var id in Actions.Keys)
            {
                if (!Actions.TryRemove(id, out var action)) continue;
                try
                {
                    action();
                }
                catch (Exception)
                {
                    // The process is ending; nothing is left to report to.
                }
            }
        }

        private sealed class Registration : IDisposable
        {
            private long _id;

            public Registration(long id) => _id = id;

            public void Dispose()
            {
                var id = Interlocked.Exchange(ref _id, 0);
                if (id != 0) Actions.TryRemove(id, out _);
            }
        }
    }
}
