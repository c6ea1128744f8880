global using System.Collections.Immutable;
global using System.CommandLine;
global using AddonGrains.GrainInterfaces;
global using Orleans;
global using Spectre.Console;
