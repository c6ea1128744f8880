global using AddonGrains.Configuration;
global using AddonGrains.GrainInterfaces;
global using Microsoft.Extensions.Logging;
global using Orleans;
global using System.Collections.Immutable;
