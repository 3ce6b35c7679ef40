#ifndef bendsim_elasticity_h
#define bendsim_elasticity_h

#include <bendsim/material_library.h>
#include <deal.II/base/symmetric_tensor.h>

namespace bendsim
{
  /**
   * Isotropic linear elasticity, the constitutive law of every layer:
   * sigma = lambda tr(eps) I + 2 mu eps (MPa). In 2D the strain is that of
   * plane strain (eps_zz = 0).
   */
  namespace elasticity
  {
    template <int dim>
    inline dealii::SymmetricTensor<2, dim>
    stress(const dealii::SymmetricTensor<2, dim> &strain,
           const Material                        &material)
    {
      return material.lame_lambda() * dealii::trace(strain) *
               dealii::unit_symmetric_tensor<dim>() +
             2. * material.shear_modulus() * strain;
    }

    /**
     * Von Mises equivalent stress of the full 3D stress state; in 2D the
     * out-of-plane stress of plane strain, sigma_zz = lambda tr(eps), is
     * included.
     */
    template <int dim>
    inline double
    von_mises_stress(const dealii::SymmetricTensor<2, dim> &strain,
                     const Material                        &material)
    {
      const dealii::SymmetricTensor<2, dim> s = stress(strain, material);
      dealii::SymmetricTensor<2, 3>         s3;
      for (unsigned int i = 0; i < dim; ++i)
        for (unsigned int j = i; j < dim; ++j)
          s3[i][j] = s[i][j];
      if (dim == 2)
        s3[2][2] = material.lame_lambda() * dealii::trace(strain);
      const dealii::SymmetricTensor<2, 3> deviator = dealii::deviator(s3);
      return std::sqrt(1.5 * deviator * deviator);
    }
  } // namespace elasticity
} // namespace bendsim

#endif
