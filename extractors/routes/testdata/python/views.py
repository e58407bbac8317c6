from . import bp


@bp.route('/profile', methods=('GET', 'PUT'))
def profile():
    return {}
