using System;
using System.Collections.Generic;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Execution
{
    /// <summary>
    /// Finds the handler of each step kind. Kinds whose real handler arrives in a later release get one that
    /// fails with NotSupportedYet, naming the step, so a plan can already be shown and run up to that point.
    /// </summary>
    public sealed class StepHandlerRegistry
    {
        private readonly Dictionary<StepKind, IStepHandler> handlers = new Dictionary<StepKind, IStepHandler>();

        public StepHandlerRegistry(IEnumerable<IStepHandler> handlers)
        {
            if (handlers is null)
            {
                throw new ArgumentNullException(nameof(handlers));
            }

            foreach (var handler in handlers)
            {
                if (this.handlers.ContainsKey(handler.Kind))
                {
                    throw new ArgumentException($"two step handlers are registered for {handler.Kind}: {this.handlers[handler.Kind].GetType().Name} and {handler.GetType().Name}", nameof(handlers));
                }

                this.handlers.Add(handler.Kind, handler);
            }
        }

        public IStepHandler Get(StepKind kind) =>
            handlers.TryGetValue(kind, out var handler) ? handler : new NotSupportedYetStepHandler(kind);
    }
}
