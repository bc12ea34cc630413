/* The constants of fdlibm's log (see fk-log.c): one copy for the scalar and the vector log. */
#ifndef FK_LOG_CONSTANTS_H
#define FK_LOG_CONSTANTS_H

/* each file that includes this uses only some of them */
#define FK_LOG_CONSTANT static const __attribute__((unused)) double

FK_LOG_CONSTANT LN2_HI = 6.93147180369123816490e-01; /* 0x3fe62e42fee00000 */
FK_LOG_CONSTANT LN2_LO = 1.90821492927058770002e-10; /* 0x3dea39ef35793c76 */
FK_LOG_CONSTANT TWO54 = 1.80143985094819840000e+16;  /* 2^54, to scale subnormals up */
/* The minimax coefficients of R(z) ≈ Lg1·z + Lg2·z² + … + Lg7·z⁷ on [0, 0.1716]. */
FK_LOG_CONSTANT LG1 = 6.666666666666735130e-01; /* 0x3fe5555555555593 */
FK_LOG_CONSTANT LG2 = 3.999999999940941908e-01; /* 0x3fd999999997fa04 */
FK_LOG_CONSTANT LG3 = 2.857142874366239149e-01; /* 0x3fd2492494229359 */
FK_LOG_CONSTANT LG4 = 2.222219843214978396e-01; /* 0x3fcc71c51d8e78af */
FK_LOG_CONSTANT LG5 = 1.818357216161805012e-01; /* 0x3fc7466496cb03de */
FK_LOG_CONSTANT LG6 = 1.531383769920937332e-01; /* 0x3fc39a09d078c69f */
FK_LOG_CONSTANT LG7 = 1.479819860511658591e-01; /* 0x3fc2f112df3e5244 */

#endif
