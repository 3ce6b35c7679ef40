// bendsim mesh: ITO film on PET foil, 2D segment graded along the bending direction
// =================================================================================
//
// Used by parameters/verification/gmsh_bilayer.prm (the stack of bilayer_suo.prm:
// PET 10 um at the bottom, ITO 0.5 um on top, segment 20 um long).
//
// Units: micrometres. x runs along the segment (bending direction), y through the
// thickness; the mesh spans x in [0, 20] and y in [0, 10.5] exactly, as bendsim
// requires for a case with Segment length = 20 and a 10.5 um thick stack.
//
// What the layered generator cannot make: the cells along x are graded
// symmetrically, coarse at the two clamped end faces and fine in the middle of the
// segment, where bendsim samples the layer strains (cells centred in the middle
// half, 5 um < x < 15 um). Each half has 20 cells, shrinking geometrically towards
// x = 10 by the factor qx per cell: end cell 0.917 um, middle cell 0.229 um.
// The mesh is conforming, so both layers share the same x-divisions.
//
// Through the thickness the cells follow bilayer_suo.prm:
//   PET 10 cells graded by qy = 0.25^(1/9) = 0.857 (bottom cell 1.82 um, top cell
//       0.45 um, i.e. Grading ratio = 0.25),
//   ITO 2 cells of 0.25 um.
//
// Layers are physical surfaces, numbered from the bottom of the stack:
//   Physical Surface(1) = PET  (bendsim material id 0, first layer of the case)
//   Physical Surface(2) = ITO  (bendsim material id 1, second layer)
// No physical curves: bendsim sets the boundary ids from the coordinates.
//
// Cells are quadrilaterals (Transfinite + Recombine), as deal.II's GridIn needs.
// Generate the .msh (MSH 2 ASCII, which deal.II 9.4 reads) from this folder with
//   gmsh -2 -format msh2 bilayer.geo -o bilayer.msh

L     = 20;     // segment length (Segment length of the case)
t_PET = 10;     // PET thickness
t_ITO = 0.5;    // ITO thickness

n_half = 20;                 // cells along x in each half of the segment
qx     = 0.25^(1/(n_half - 1)); // middle cell / end cell = 0.25
n_PET  = 10;                 // cells through the PET
qy     = 0.25^(1/(n_PET - 1));  // top cell / bottom cell = 0.25 (upwards)
n_ITO  = 2;                  // cells through the ITO

// Points: three columns (x = 0, L/2, L) at the heights y = 0, t_PET, t_PET + t_ITO.
Point(1) = {0,   0,             0};
Point(2) = {L/2, 0,             0};
Point(3) = {L,   0,             0};
Point(4) = {0,   t_PET,         0};
Point(5) = {L/2, t_PET,         0};
Point(6) = {L,   t_PET,         0};
Point(7) = {0,   t_PET + t_ITO, 0};
Point(8) = {L/2, t_PET + t_ITO, 0};
Point(9) = {L,   t_PET + t_ITO, 0};

// Horizontal lines, all oriented in +x.
Line(1) = {1, 2};  Line(2) = {2, 3};   // bottom of the PET
Line(3) = {4, 5};  Line(4) = {5, 6};   // PET/ITO interface
Line(5) = {7, 8};  Line(6) = {8, 9};   // top of the ITO
// Vertical lines, all oriented in +y.
Line(7)  = {1, 4}; Line(8)  = {2, 5}; Line(9)  = {3, 6};   // through the PET
Line(10) = {4, 7}; Line(11) = {5, 8}; Line(12) = {6, 9};   // through the ITO

// Left half shrinks towards x = L/2, right half grows away from it.
Transfinite Curve{1, 3, 5} = n_half + 1 Using Progression qx;
Transfinite Curve{2, 4, 6} = n_half + 1 Using Progression 1/qx;
Transfinite Curve{7, 8, 9}    = n_PET + 1 Using Progression qy;
Transfinite Curve{10, 11, 12} = n_ITO + 1;

Curve Loop(1) = {1, 8, -3, -7};    Plane Surface(1) = {1};   // PET, left half
Curve Loop(2) = {2, 9, -4, -8};    Plane Surface(2) = {2};   // PET, right half
Curve Loop(3) = {3, 11, -5, -10};  Plane Surface(3) = {3};   // ITO, left half
Curve Loop(4) = {4, 12, -6, -11};  Plane Surface(4) = {4};   // ITO, right half

Transfinite Surface{1} = {1, 2, 5, 4};
Transfinite Surface{2} = {2, 3, 6, 5};
Transfinite Surface{3} = {4, 5, 8, 7};
Transfinite Surface{4} = {5, 6, 9, 8};
Recombine Surface{1, 2, 3, 4};

Physical Surface(1) = {1, 2};   // PET: layer 1 from the bottom
Physical Surface(2) = {3, 4};   // ITO: layer 2 from the bottom

Mesh.ElementOrder = 1;
