global using AddonGrains.GrainInterfaces;
global using Microsoft.Extensions.Logging;
global using System.Collections.Immutable;
