// bendsim mesh: ITO film on PET foil, 3D segment graded along the bending direction
// =================================================================================
//
// Used by parameters/verification/gmsh_bilayer_3d.prm. The 2D mesh of bilayer.geo
// (PET 10 um + ITO 0.5 um, segment 20 um, cells graded along x towards the middle)
// extruded across the width: z in [0, 2] um in 2 layers of hexahedra. The width W
// must equal the case's Segment width.
//
// Units: micrometres. The mesh spans x in [0, 20], y in [0, 10.5], z in [0, W].
// Layers are physical volumes, numbered from the bottom of the stack:
//   Physical Volume(1) = PET, Physical Volume(2) = ITO.
// No physical surfaces: bendsim sets the boundary ids from the coordinates.
//
// Generate from this folder with
//   gmsh -3 -format msh2 bilayer_3d.geo -o bilayer_3d.msh

Include "bilayer.geo";
Delete Physicals;   // the 2D layer groups; the 3D ones are defined below

W   = 2;   // segment width (Segment width of the case)
n_W = 2;   // cells across the width

// Extruding a transfinite, recombined surface with Layers + Recombine gives
// hexahedra. Each Extrude returns {top surface, volume, side surfaces...}.
pet_left[]  = Extrude {0, 0, W} { Surface{1}; Layers{n_W}; Recombine; };
pet_right[] = Extrude {0, 0, W} { Surface{2}; Layers{n_W}; Recombine; };
ito_left[]  = Extrude {0, 0, W} { Surface{3}; Layers{n_W}; Recombine; };
ito_right[] = Extrude {0, 0, W} { Surface{4}; Layers{n_W}; Recombine; };

Physical Volume(1) = {pet_left[1], pet_right[1]};   // PET: layer 1 from the bottom
Physical Volume(2) = {ito_left[1], ito_right[1]};   // ITO: layer 2 from the bottom
