global using System.Collections.Immutable;
global using AddonGrains.GrainInterfaces;
global using Xunit;
